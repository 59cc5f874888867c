import Foundation
import Model
@testable import Storage
import Testing

@Suite struct WALCheckpointTests {
    /// A checkpoint replaces the segments it covers: they are deleted, and a replay reads
    /// the checkpoint then only the later segments.
    @Test func checkpointDeletesCoveredSegments() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        let writer = try WALWriter(directory: folder.path, segment: 0, segmentSize: 1 << 30, fsync: .segment)
        try writer.append(batch(0))
        try writer.cut()
        try writer.append(batch(1))
        let covered = writer.segment
        try writer.cut()
        let summary: [WALRecord] = [.series([WALSeries(ref: 9, labels: Labels(["__name__": "kept"]))])]
        let outcome = try WALCheckpoint.write(directory: folder.path, covering: covered) { sink throws(WALError) in
            for record in summary { try sink.add(record) }
        }
        try writer.append(batch(2))
        writer.close()
        #expect(outcome.segmentsRemoved == 2)
        #expect(try folder.names() == ["00000002", "checkpoint.00000001"])
        let (records, report) = try folder.replay()
        #expect(records == summary + batch(2))
        #expect(report.checkpoint == 1)
        #expect(report.segments == [2])
        #expect(report.nextSegment == 3)
    }

    /// A checkpoint a crash left half-written (`.tmp`) is ignored and removed.
    @Test func leftoverTemporaryCheckpointIsRemoved() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        let writer = try WALWriter(directory: folder.path, segment: 0, segmentSize: 1 << 30, fsync: .segment)
        try writer.append(batch(0))
        writer.close()
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: folder.file("checkpoint.00000000.tmp")))
        let (records, report) = try folder.replay()
        #expect(records == batch(0))
        #expect(report.checkpoint == nil)
        #expect(try folder.names() == ["00000000"])
    }
}
