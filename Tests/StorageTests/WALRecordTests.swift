import Model
@testable import Storage
import Testing

@Suite struct WALRecordTests {
    /// Every record type survives a write and a read, values bit for bit (a staleness
    /// marker's NaN payload, negative zero, infinities, whole numbers either side of 2^53, which
    /// take the short integer form below it), refs and timestamps in any order.
    @Test func roundTrip() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        var samples = WALSamples()
        let values = [Double(bitPattern: 0x7FF0_0000_0000_0002), -0.0, .infinity, -.infinity, 1e-300, 42, 0, -5,
                      9_007_199_254_740_991, -9_007_199_254_740_991, 9_007_199_254_740_992, 0.5, .nan, -1e300]
        for (i, v) in values.enumerated() { samples.append(ref: UInt64(10 - i * 3 + 40), timestamp: Int64(1_700_000_000_000 - i * 7), value: v) }
        let records: [WALRecord] = [
            .series([WALSeries(ref: 7, labels: Labels(["__name__": "up", "job": "wms", "é": "ünïcode"])),
                     WALSeries(ref: 1 << 40, labels: Labels(["__name__": "x"]))]),
            .samples(samples),
            .sourceSeen(source: "source/wms", refs: [1, 7, 1 << 40]),
            .sourceSeen(source: "", refs: []),
        ]
        let writer = try WALWriter(directory: folder.path, segment: 0, segmentSize: 1 << 20, fsync: .cycle)
        try writer.append(records)
        writer.close()
        let (read, report) = try folder.replay()
        #expect(read == records)
        #expect(report.tornTail == nil && report.setAside.isEmpty)
        #expect(report.samples == values.count)
        #expect(report.nextSegment == 1)
    }

    /// A batch that would pass the segment size goes to a new segment; the replay reads
    /// all segments in order.
    @Test func segmentsAreCut() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        let writer = try WALWriter(directory: folder.path, segment: 3, segmentSize: 64 << 10, fsync: .segment)
        for cycle in 0..<200 { try writer.append(batch(cycle)) }
        writer.close()
        #expect(writer.segment > 3)
        let (read, report) = try folder.replay()
        #expect(read == (0..<200).flatMap(batch))
        #expect(report.segments == Array(3...writer.segment))
        #expect(report.nextSegment == writer.segment + 1)
    }
}
