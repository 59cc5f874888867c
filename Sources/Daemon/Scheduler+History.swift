import Exposition
import Model
import PromQL

extension Scheduler {
    /// Rebuilds the store from the WAL beside the state file before the first evaluation
    /// (the store is replaced, so call it before `run`).
    func openHistory(statePath: String) {
        let directory = BinwatchConfig.Storage.directory(forState: statePath)
        let (opened, restored) = SeriesHistory.open(
            directory: directory, settings: runtime.config.storage, retention: runtime.retention, now: clock.now(), logger: logger)
        history?.close()
        history = opened
        store = restored
    }

    /// Writes the samples the store took since the last flush.
    func flushHistory(at time: Timestamp) {
        history?.flush(&store, at: time)
    }

    /// The WAL's self metrics (none without a WAL).
    func historyFamilies() -> [MetricFamily] {
        history?.metrics.families() ?? []
    }
}

extension Scheduler {
    /// Stops writing history (the benchmark's WAL-off run; `openState` turns it on).
    public func disableHistory() {
        history?.close()
        history = nil
        _ = store.takeJournal()
        store.stopJournal()
    }
}
