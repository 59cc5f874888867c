public import Model

/// An in-memory series store: label strings interned in a symbol table, each series'
/// samples in two contiguous arrays (timestamps `Int64`, values `Double`: 16 bytes a
/// sample), and a postings index from label name and value to series ids, so a
/// selector only touches the series its matchers can match.
///
/// It is a value type: `querier(mint:maxt:)` captures a copy (copy-on-write, so no
/// samples are copied) that later appends do not disturb, which is what makes it
/// `Sendable` without locks.
public struct SeriesStore: Sendable, Queryable {
    struct StoredSeries: Sendable {
        var labels: Labels
        /// Stable across retention's renumbering: the write-ahead log names series by it.
        var ref: UInt64
        var timestamps: [Int64] = []
        var values: [Double] = []

        /// Appends a sample after the last one; a repeat of the last (same time, same bits) is
        /// accepted and not stored again.
        /// - Returns: whether the sample was stored.
        @inline(__always)
        mutating func append(_ t: Int64, _ v: Double) throws(StorageError) -> Bool {
            if let last = timestamps.last {
                if t < last {
                    throw StorageError(.outOfOrderSample, "\(labels) at \(t)ms, last sample at \(last)ms")
                }
                if t == last {
                    guard let lastValue = values.last, lastValue.bitPattern == v.bitPattern else {
                        throw StorageError(.duplicateSampleForTimestamp, "\(labels) at \(t)ms")
                    }
                    return false
                }
            }
            timestamps.append(t)
            values.append(v)
            return true
        }
    }

    var symbols = SymbolTable()
    var series: [StoredSeries] = []
    /// Series id by its full label set.
    var ids: [Labels: Int32] = [:]
    /// Label name id -> label value id -> ascending series ids.
    var postings: [UInt32: [UInt32: [Int32]]] = [:]
    /// For staleness: per source, the ids it reported in its previous snapshot.
    var lastSeen: [String: Set<Int32>] = [:]
    /// The next series' `ref`.
    var nextRef: UInt64 = 0
    /// What was appended since the last `takeJournal()`, when journaling is on
    /// (SeriesStore+Persistence.swift); nil costs the append path nothing.
    var journal: AppendJournal?

    public init() {}

    /// Number of series (including ones whose samples retention removed).
    public var seriesCount: Int { series.count }

    /// Number of stored samples.
    public var sampleCount: Int { series.reduce(0) { $0 + $1.timestamps.count } }

    /// Appends one sample.
    ///
    /// A timestamp equal to the series' last one is accepted when the value is the
    /// same (bit for bit, so markers compare too) and rejected otherwise; an older
    /// timestamp is rejected, as the TSDB head does.
    /// - Throws: `StorageError` (`.outOfOrderSample`, `.duplicateSampleForTimestamp`, `.invalidLabels`).
    public mutating func append(_ labels: Labels, timestamp: Timestamp, value: Double) throws(StorageError) {
        let id = try seriesID(for: labels)
        try append(id: id, timestamp.milliseconds, value)
    }

    mutating func append(id: Int32, _ t: Int64, _ v: Double) throws(StorageError) {
        // One access to the series (checks and both appends inside it): this is the hottest
        // path of a cycle and of the start-up replay.
        if try series[Int(id)].append(t, v) { journal?.append(ref: series[Int(id)].ref, t, v) }
    }

    /// Appends one source's complete snapshot taken at `timestamp` and writes a
    /// staleness marker for every series that source reported last time but not now,
    /// as Prometheus's scrape loop does when a series disappears.
    /// - Throws: the first `StorageError` of any sample (the others are still stored).
    public mutating func appendSnapshot(
        _ samples: [(labels: Labels, value: Double)], from source: String, at timestamp: Timestamp
    ) throws(StorageError) {
        var seen = Set<Int32>()
        var firstError: StorageError?
        for sample in samples {
            do {
                let id = try seriesID(for: sample.labels)
                seen.insert(id)
                try append(id: id, timestamp.milliseconds, sample.value)
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        for gone in lastSeen[source, default: []].subtracting(seen).sorted() {
            try? append(id: gone, timestamp.milliseconds, StaleNaN.value)
        }
        if journal != nil, lastSeen[source] != seen { journal?.sawSeries(seen.map { series[Int($0)].ref }, source: source) }
        lastSeen[source] = seen
        if let firstError { throw firstError }
    }

    /// Writes a staleness marker for one series at `timestamp` (when it has samples and
    /// its last one is not already a marker).
    public mutating func markStale(_ labels: Labels, at timestamp: Timestamp) {
        guard let id = ids[labels], let last = series[Int(id)].values.last, !StaleNaN.isStale(last) else { return }
        try? append(id: id, timestamp.milliseconds, StaleNaN.value)
    }

    /// The id of the series with exactly these labels, creating it (interning its
    /// strings and adding it to the postings) when new.
    mutating func seriesID(for labels: Labels) throws(StorageError) -> Int32 {
        if let id = ids[labels] { return id }
        guard !labels.isEmpty else { throw StorageError(.invalidLabels, "a series needs at least one label") }
        var interned: [Label] = []
        interned.reserveCapacity(labels.count)
        let id = Int32(series.count)
        for label in labels {
            let name = symbols.intern(label.name)
            let value = symbols.intern(label.value)
            // Rebuild the pair from the table's strings so every series shares one copy.
            interned.append(Label(name: symbols[name], value: symbols[value]))
            postings[name, default: [:]][value, default: []].append(id)
        }
        let stored = Labels(interned)
        series.append(StoredSeries(labels: stored, ref: nextRef))
        journal?.newSeries.append((nextRef, stored))
        nextRef += 1
        ids[stored] = id
        return id
    }

    public func querier(mint: Timestamp, maxt: Timestamp) throws -> any Querier {
        StoreQuerier(store: self, mint: mint.milliseconds, maxt: maxt.milliseconds)
    }
}
