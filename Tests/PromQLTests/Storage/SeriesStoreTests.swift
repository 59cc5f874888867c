import Model
import Testing
@testable import PromQL

@Suite struct SeriesStoreTests {
    func labels(_ pairs: [String: String]) -> Labels { Labels(pairs) }

    @Test func selectUsesAllFourMatcherKinds() throws {
        var store = SeriesStore()
        for (job, instance) in [("api", "0"), ("api", "1"), ("db", "0")] {
            try store.append(labels(["__name__": "up", "job": job, "instance": instance]),
                             timestamp: Timestamp(milliseconds: 1000), value: 1)
        }
        try store.append(labels(["__name__": "other", "job": "api"]), timestamp: Timestamp(milliseconds: 1000), value: 2)
        let q = try store.querier(mint: Timestamp(milliseconds: 0), maxt: Timestamp(milliseconds: 2000))
        #expect(q.select([try Matcher(.equal, "__name__", "up")]).count == 3)
        #expect(q.select([try Matcher(.equal, "__name__", "up"), try Matcher(.notEqual, "job", "api")]).count == 1)
        #expect(q.select([try Matcher(.regexMatch, "__name__", "u.|oth.*")]).count == 4)
        #expect(q.select([try Matcher(.regexNoMatch, "job", "api"), try Matcher(.equal, "__name__", "up")])
            .map { $0.labels["job"] } == ["db"])
        // A matcher accepting "" matches series without the label.
        #expect(q.select([try Matcher(.equal, "__name__", "other"), try Matcher(.equal, "instance", "")]).count == 1)
    }

    @Test func rejectsOutOfOrderAndConflictingDuplicates() throws {
        var store = SeriesStore()
        let l = labels(["__name__": "x"])
        try store.append(l, timestamp: Timestamp(milliseconds: 10), value: 1)
        try store.append(l, timestamp: Timestamp(milliseconds: 10), value: 1)
        #expect(throws: StorageError.self) { try store.append(l, timestamp: Timestamp(milliseconds: 5), value: 1) }
        #expect(throws: StorageError.self) { try store.append(l, timestamp: Timestamp(milliseconds: 10), value: 2) }
        #expect(store.sampleCount == 1)
    }

    @Test func snapshotWritesStaleMarkerForVanishedSeries() throws {
        var store = SeriesStore()
        let a = labels(["__name__": "a"]), b = labels(["__name__": "b"])
        try store.appendSnapshot([(a, 1), (b, 2)], from: "scrape", at: Timestamp(milliseconds: 0))
        try store.appendSnapshot([(a, 3)], from: "scrape", at: Timestamp(milliseconds: 15_000))
        let series = try store.querier(mint: Timestamp(milliseconds: 0), maxt: Timestamp(milliseconds: 20_000))
            .select([try Matcher(.equal, "__name__", "b")])
        #expect(series.first?.timestamps == [0, 15_000])
        #expect(series.first.map { StaleNaN.isStale($0.values[1]) } == true)
    }

    @Test func retentionDropsOldSamplesAndEmptySeries() throws {
        var store = SeriesStore()
        try store.append(labels(["__name__": "old"]), timestamp: Timestamp(milliseconds: 0), value: 1)
        for t in stride(from: Int64(0), through: 100_000, by: 10_000) {
            try store.append(labels(["__name__": "new"]), timestamp: Timestamp(milliseconds: t), value: Double(t))
        }
        store.dropSamples(before: Timestamp(milliseconds: 50_000))
        #expect(store.seriesCount == 1)
        #expect(store.sampleCount == 6)
        let q = try store.querier(mint: Timestamp(milliseconds: 0), maxt: Timestamp(milliseconds: 200_000))
        #expect(q.select([try Matcher(.regexMatch, "__name__", ".+")]).map { $0.labels.metricName } == ["new"])
    }

    @Test func storesSixteenBytesPerSampleAfterShrinking() throws {
        var store = SeriesStore()
        for s in 0..<10 {
            for t in 0..<1000 {
                try store.append(labels(["__name__": "m", "i": "\(s)"]), timestamp: Timestamp(milliseconds: Int64(t) * 15_000), value: 1)
            }
        }
        store.shrinkToFit()
        #expect(store.bytesPerSample <= 16.5)
    }
}
