public import Model

extension SeriesStore {
    /// Drops every sample older than `cutoff` (retention by time). Series left with
    /// no samples are removed and the postings rebuilt, so long-running daemons do not
    /// keep ids of series that are gone.
    public mutating func dropSamples(before cutoff: Timestamp) {
        var emptied = false
        for index in series.indices {
            let keepFrom = lowerBound(series[index].timestamps, cutoff.milliseconds)
            guard keepFrom > 0 else { continue }
            series[index].timestamps.removeFirst(keepFrom)
            series[index].values.removeFirst(keepFrom)
            emptied = emptied || series[index].timestamps.isEmpty
        }
        if emptied { rebuildWithoutEmptySeries() }
    }

    /// Renumbers the series that still hold samples and rebuilds the index.
    private mutating func rebuildWithoutEmptySeries() {
        let old = series
        var remap: [Int32: Int32] = [:]
        var rebuilt = SeriesStore()
        for (oldID, stored) in old.enumerated() where !stored.timestamps.isEmpty {
            guard let id = try? rebuilt.seriesID(for: stored.labels) else { continue }
            rebuilt.series[Int(id)].ref = stored.ref
            rebuilt.series[Int(id)].timestamps = stored.timestamps
            rebuilt.series[Int(id)].values = stored.values
            remap[Int32(oldID)] = id
        }
        rebuilt.lastSeen = lastSeen.mapValues { Set($0.compactMap { remap[$0] }) }
        rebuilt.nextRef = nextRef
        rebuilt.journal = journal
        self = rebuilt
    }

    /// Releases spare array capacity, so memory use is close to 16 bytes per sample.
    public mutating func shrinkToFit() {
        for index in series.indices {
            series[index].timestamps = Self.exactCopy(series[index].timestamps)
            series[index].values = Self.exactCopy(series[index].values)
        }
    }

    /// A copy allocated for exactly `count` elements. `Array(array[...])` may share the
    /// original's geometrically grown buffer instead of copying, so it cannot be used.
    private static func exactCopy<Element>(_ array: [Element]) -> [Element] {
        [Element](unsafeUninitializedCapacity: array.count) { buffer, initialized in
            _ = buffer.initialize(from: array)
            initialized = array.count
        }
    }

    /// Bytes held by sample arrays (capacity included) divided by stored samples.
    public var bytesPerSample: Double {
        var bytes = 0, samples = 0
        for stored in series {
            bytes += stored.timestamps.capacity * 8 + stored.values.capacity * 8
            samples += stored.timestamps.count
        }
        return samples == 0 ? 0 : Double(bytes) / Double(samples)
    }
}
