public import Model

/// The store's index as Prometheus's `/api/v1/labels`, `/api/v1/label/<name>/values` and
/// `/api/v1/series` read it: label sets, names and values of the series that hold at least
/// one sample in a window, without copying any sample.
///
/// Prometheus answers these per block and chunk, so a series whose chunk overlaps the window
/// counts even when no sample of it lies inside; binwatch keeps samples, not chunks, and
/// answers per sample.
extension SeriesStore {
    /// Label sets of the series matching any one of `selectors` (every series when
    /// `selectors` is empty) with a sample in `[mint, maxt]`, sorted, each once.
    public func seriesLabels(matching selectors: [[Matcher]], mint: Timestamp, maxt: Timestamp) -> [Labels] {
        ids(matching: selectors, mint: mint, maxt: maxt).map { series[Int($0)].labels }.sorted()
    }

    /// Sorted label names of those series.
    public func labelNames(matching selectors: [[Matcher]], mint: Timestamp, maxt: Timestamp) -> [String] {
        var names = Set<String>()
        for id in ids(matching: selectors, mint: mint, maxt: maxt) {
            for label in series[Int(id)].labels { names.insert(label.name) }
        }
        return names.sorted()
    }

    /// Sorted values of label `name` among those series (series without it add nothing).
    public func labelValues(_ name: String, matching selectors: [[Matcher]], mint: Timestamp, maxt: Timestamp) -> [String] {
        var values = Set<String>()
        for id in ids(matching: selectors, mint: mint, maxt: maxt) {
            if let value = series[Int(id)].labels[name] { values.insert(value) }
        }
        return values.sorted()
    }

    private func ids(matching selectors: [[Matcher]], mint: Timestamp, maxt: Timestamp) -> [Int32] {
        let candidates: [Int32]
        switch selectors.count {
        case 0: candidates = Array(0..<Int32(series.count))
        case 1: candidates = matchingIDs(selectors[0])
        default: candidates = Array(Set(selectors.flatMap { matchingIDs($0) })).sorted()
        }
        return candidates.filter { hasSample(id: $0, mint: mint.milliseconds, maxt: maxt.milliseconds) }
    }

    private func hasSample(id: Int32, mint: Int64, maxt: Int64) -> Bool {
        let timestamps = series[Int(id)].timestamps
        let first = lowerBound(timestamps, mint)
        return first < timestamps.count && timestamps[first] <= maxt
    }
}
