public import Model

/// Everything a store took since the journal was last taken, in the order a replay needs:
/// series (with their stable `ref`), accepted samples (markers included, bit for bit) and
/// each source's new set of reported series. The daemon writes it to the WAL once a cycle.
public struct AppendJournal: Sendable {
    public internal(set) var newSeries: [(ref: UInt64, labels: Labels)] = []
    public internal(set) var refs: [UInt64] = []
    public internal(set) var timestamps: [Int64] = []
    public internal(set) var values: [Double] = []
    /// Per source whose set changed: the refs it reported last (staleness memory).
    public internal(set) var sourceSeen: [(source: String, refs: [UInt64])] = []

    public var isEmpty: Bool { newSeries.isEmpty && refs.isEmpty && sourceSeen.isEmpty }

    @inline(__always)
    mutating func append(ref: UInt64, _ t: Int64, _ v: Double) {
        refs.append(ref)
        timestamps.append(t)
        values.append(v)
    }

    mutating func sawSeries(_ refs: [UInt64], source: String) {
        sourceSeen.append((source, refs.sorted()))
    }
}

extension SeriesStore {
    /// Starts recording every append in a journal (idempotent).
    public mutating func startJournal() {
        if journal == nil { journal = AppendJournal() }
    }

    /// Stops recording appends.
    public mutating func stopJournal() { journal = nil }

    /// What was appended since the last call, leaving an empty journal (nil when journaling is off).
    public mutating func takeJournal() -> AppendJournal? {
        guard let taken = journal else { return nil }
        journal = AppendJournal()
        return taken
    }

    /// Visits every series in id order with its ref, labels and samples (for a checkpoint).
    public func forEachSeries(_ body: (UInt64, Labels, [Int64], [Double]) throws -> Void) rethrows {
        for stored in series { try body(stored.ref, stored.labels, stored.timestamps, stored.values) }
    }

    /// Each source's last reported series, as refs (for a checkpoint).
    public var lastSeenRefs: [(source: String, refs: [UInt64])] {
        lastSeen.keys.sorted().map { source in
            (source, (lastSeen[source] ?? []).map { series[Int($0)].ref }.sorted())
        }
    }
}

/// Rebuilds a store from a WAL's records (a checkpoint and the segments after it).
///
/// A series defined twice (retention removed it, then it came back under a new ref) maps both
/// refs to one series; samples of a ref never defined (its definition was in a damaged segment)
/// are counted, not guessed at.
///
/// Samples are buffered and appended series by series (a counting sort by series id, then one
/// bulk append per series): a WAL holds them cycle by cycle, one per series, and appending them
/// in that order touches every series' arrays once per cycle, which with 100k series is a cache
/// miss per sample. Call `finish()` for the store.
public struct StoreRestorer: Sendable {
    private var store = SeriesStore()
    /// Buffered samples (series id, time, value) in WAL order, flushed at `bufferLimit`.
    private var bufferedIDs: [Int32] = []
    private var bufferedTimestamps: [Int64] = []
    private var bufferedValues: [Double] = []
    private let bufferLimit: Int
    /// Store id by ref (refs are dense from 0: an array, not a dictionary, on the replay's
    /// hottest path); -1 for a ref never defined.
    private var idByRef: [Int32] = []
    /// Samples whose series definition was not read.
    public private(set) var unknownRefSamples = 0
    /// Samples the store refused (older than its series' last one).
    public private(set) var rejectedSamples = 0

    /// - Parameter bufferLimit: samples held before they are sorted into the store.
    public init(bufferLimit: Int = 4 << 20) { self.bufferLimit = bufferLimit }

    /// The rebuilt store.
    public mutating func finish() -> SeriesStore {
        flush()
        return store
    }

    public mutating func series(ref: UInt64, labels: Labels) {
        guard let id = try? store.seriesID(for: labels), ref < UInt64(Int32.max) else { return }
        store.series[Int(id)].ref = ref
        if Int(ref) >= idByRef.count { idByRef.append(contentsOf: repeatElement(-1, count: Int(ref) + 1 - idByRef.count)) }
        idByRef[Int(ref)] = id
        store.nextRef = max(store.nextRef, ref + 1)
    }

    private func id(of ref: UInt64) -> Int32? {
        guard ref < UInt64(idByRef.count) else { return nil }
        let id = idByRef[Int(ref)]
        return id < 0 ? nil : id
    }

    public mutating func samples(refs: [UInt64], timestamps: [Int64], values: [Double]) {
        for i in refs.indices {
            guard let id = id(of: refs[i]) else {
                unknownRefSamples += 1
                continue
            }
            bufferedIDs.append(id)
            bufferedTimestamps.append(timestamps[i])
            bufferedValues.append(values[i])
        }
        if bufferedIDs.count >= bufferLimit { flush() }
    }

    /// Sorts the buffer by series (stable: each series' samples keep their order) and appends
    /// each series' run at once.
    private mutating func flush() {
        let n = bufferedIDs.count
        guard n > 0 else { return }
        var start = [Int](repeating: 0, count: store.series.count + 1)
        for id in bufferedIDs { start[Int(id) + 1] += 1 }
        for i in 1..<start.count { start[i] += start[i - 1] }
        var next = start
        var sortedT = [Int64](repeating: 0, count: n)
        var sortedV = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let id = Int(bufferedIDs[i])
            sortedT[next[id]] = bufferedTimestamps[i]
            sortedV[next[id]] = bufferedValues[i]
            next[id] += 1
        }
        for id in 0..<(start.count - 1) where start[id] < start[id + 1] {
            rejectedSamples += store.series[id].appendRun(sortedT[start[id]..<start[id + 1]], sortedV[start[id]..<start[id + 1]])
        }
        bufferedIDs.removeAll(keepingCapacity: true)
        bufferedTimestamps.removeAll(keepingCapacity: true)
        bufferedValues.removeAll(keepingCapacity: true)
    }

    public mutating func sourceSeen(_ source: String, refs: [UInt64]) {
        // Ids are fixed once assigned, so buffered samples need not be flushed first.
        store.lastSeen[source] = Set(refs.compactMap { id(of: $0) })
    }
}

extension SeriesStore.StoredSeries {
    /// Appends samples in order: in bulk when they all follow the last one in strictly
    /// ascending time (a WAL's case), else one by one with `append`'s checks.
    /// - Returns: how many were rejected.
    mutating func appendRun(_ ts: ArraySlice<Int64>, _ vs: ArraySlice<Double>) -> Int {
        var ascending = true
        var previous = timestamps.last ?? Int64.min
        for t in ts {
            if t <= previous { ascending = false; break }
            previous = t
        }
        if ascending {
            timestamps.append(contentsOf: ts)
            values.append(contentsOf: vs)
            return 0
        }
        var rejected = 0
        for (t, v) in zip(ts, vs) {
            do { _ = try append(t, v) } catch { rejected += 1 }
        }
        return rejected
    }
}
