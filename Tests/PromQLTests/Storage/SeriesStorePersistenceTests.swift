import Model
@testable import PromQL
import Testing

/// The journal a store keeps, fed to a `StoreRestorer`, rebuilds the same store: every series,
/// every sample bit for bit (markers too), each source's last set, whatever the restorer's
/// buffer size (its flushes sort samples by series and must keep their order).
@Suite struct SeriesStorePersistenceTests {
    func original() throws -> (SeriesStore, [AppendJournal]) {
        var store = SeriesStore()
        store.startJournal()
        var journals: [AppendJournal] = []
        for cycle in 0..<12 {
            let t = Timestamp(milliseconds: 1_700_000_000_000 + Int64(cycle) * 15_000)
            // Series come and go (gone ones get markers), values fractional and whole.
            let samples = (0..<5).filter { ($0 + cycle) % 4 != 0 }.map { i in
                (labels: Labels(["__name__": "m", "i": String(i)]), value: Double(cycle * i) / (i % 2 == 0 ? 1 : 3))
            }
            try store.appendSnapshot(samples, from: "source/a", at: t)
            try store.append(Labels(["__name__": "rule"]), timestamp: t, value: Double(cycle))
            if cycle == 6 { store.dropSamples(before: t) }
            if let journal = store.takeJournal() { journals.append(journal) }
        }
        return (store, journals)
    }

    @Test(arguments: [1, 3, 1000]) func restorerRebuildsTheStore(bufferLimit: Int) throws {
        let (store, journals) = try original()
        var restorer = StoreRestorer(bufferLimit: bufferLimit)
        for journal in journals {
            for (ref, labels) in journal.newSeries { restorer.series(ref: ref, labels: labels) }
            restorer.samples(refs: journal.refs, timestamps: journal.timestamps, values: journal.values)
            for seen in journal.sourceSeen { restorer.sourceSeen(seen.source, refs: seen.refs) }
        }
        var rebuilt = restorer.finish()
        #expect(restorer.rejectedSamples == 0 && restorer.unknownRefSamples == 0)
        rebuilt.dropSamples(before: Timestamp(milliseconds: 1_700_000_000_000 + 6 * 15_000))
        func content(_ s: SeriesStore) -> [String: [String]] {
            var out: [String: [String]] = [:]
            s.forEachSeries { ref, labels, ts, vs in
                guard !ts.isEmpty else { return }
                out["\(labels)"] = zip(ts, vs).map { "\($0)=\($1.bitPattern)" }
            }
            return out
        }
        #expect(content(rebuilt) == content(store))
        #expect(content(store).count == 6)
        #expect(content(store).values.contains { $0.contains { $0.hasSuffix("=\(StaleNaN.value.bitPattern)") } })
        let seen = { (s: SeriesStore) in s.lastSeenRefs.map { "\($0.source): \($0.refs.map { ref in s.series.first { $0.ref == ref }?.labels.description ?? "?" }.sorted())" } }
        #expect(seen(rebuilt) == seen(store))
    }
}
