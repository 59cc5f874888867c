import Exposition
import Model
import PromQL
import Remote

extension Scheduler {
    /// Rebuilds the store from the WAL beside the state file before the first evaluation
    /// (the store is replaced, so call it before `run`).
    func openHistory(statePath: String) {
        let directory = BinwatchConfig.Storage.directory(forState: statePath)
        let (opened, restored) = SeriesHistory.open(
            directory: directory, settings: runtime.config.storage, retention: runtime.retention, now: clock.now(), logger: logger,
            keepFrom: remoteWriteOldestSegment(statePath: statePath))
        history?.close()
        history = opened
        store = restored
    }

    /// Writes the samples the store took since the last flush.
    func flushHistory(at time: Timestamp) {
        history?.flush(&store, at: time)
        // The remote-write queues read what was just written, on their own tasks.
        if let remoteWrite {
            remoteWrite.metrics.sawTimestamp(time.milliseconds)
            remoteWrite.signal()
        }
    }

    /// The WAL's self metrics and its readers' (`prometheus_remote_storage_*`); none without a WAL.
    func historyFamilies() -> [MetricFamily] {
        (history?.metrics.families() ?? []) + (remoteWrite?.metrics.families() ?? [])
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
