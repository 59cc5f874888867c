import Foundation
import Model
@testable import Storage
import Testing

/// The WAL reader remote write uses, on segments written by the real writer.
@Suite struct WALTailTests {
    @Test func readsAcrossSegmentsAndWaitsForTheWriter() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-tail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try WALWriter(directory: dir, segment: 0, segmentSize: 1 << 20, fsync: .segment)
        let series = WALRecord.series([WALSeries(ref: 0, labels: Labels(["__name__": "m"]))])
        try writer.append([series])
        let tail = WALTail(directory: dir, from: WALPosition(segment: 0, offset: 0))
        let first = try tail.read()
        #expect(first.entries.map(\.record) == [series])
        #expect(try tail.read().entries.isEmpty)  // caught up
        var samples = WALSamples()
        samples.append(ref: 0, timestamp: 1000, value: 1)
        try writer.cut()
        try writer.append([.samples(samples)])
        let second = try tail.read()
        #expect(second.entries.map(\.record) == [.samples(samples)])
        #expect(second.entries.first?.position == WALPosition(segment: 1, offset: 0))
        #expect(tail.position == second.entries.first?.next)
    }

    @Test func aRecordStillBeingWrittenIsNotReadUntilComplete() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-tail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try WALWriter(directory: dir, segment: 0, segmentSize: 1 << 20, fsync: .segment)
        try writer.append([.series([WALSeries(ref: 0, labels: Labels(["__name__": "m"]))])])
        writer.close()
        let path = dir + "/00000000"
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        // Half of the record is on disk, as a reader may see in the middle of a write(2).
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        let tail = WALTail(directory: dir, from: WALPosition(segment: 0, offset: 0))
        #expect(try tail.read().entries.isEmpty)
        #expect(tail.position == WALPosition(segment: 0, offset: 0))
        try whole.write(to: URL(fileURLWithPath: path))
        #expect(try tail.read().entries.count == 1)
    }

    @Test func segmentsACheckpointRemovedAreReportedAndSkipped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-tail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try WALWriter(directory: dir, segment: 3, segmentSize: 1 << 20, fsync: .segment)
        try writer.append([.series([WALSeries(ref: 0, labels: Labels(["__name__": "m"]))])])
        let tail = WALTail(directory: dir, from: WALPosition(segment: 1, offset: 40))
        let read = try tail.read()
        #expect(read.skipped == [.missingSegments(from: 1, to: 2)])
        #expect(read.entries.count == 1)
    }
}

/// Segments a reader still holds survive checkpoints (and the replay's repair), and are read
/// by neither: replay still starts at the checkpoint.
@Suite struct WALSegmentHoldTests {
    @Test func heldSegmentsSurviveACheckpointAndReplayIgnoresThem() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        let writer = try WALWriter(directory: folder.path, segment: 0, segmentSize: 1 << 30, fsync: .segment)
        try writer.append(batch(0))
        try writer.cut()
        try writer.append(batch(1))
        let covered = writer.segment
        try writer.cut()
        let holds = WALSegmentHolds()
        holds.hold("central", segment: 1)
        holds.hold("backup", segment: 3)
        #expect(holds.oldestHeld == 1)
        let oldest = holds.oldestHeld
        let outcome = try WALCheckpoint.write(
            directory: folder.path, covering: covered, retain: { segment, age in oldest.map { segment >= $0 && age < 7200 } ?? false }
        ) { _ throws(WALError) in }
        #expect(outcome.segmentsRemoved == 1)
        #expect(try folder.names() == ["00000001", "00000002", "checkpoint.00000001"])
        // A replay with the same hold keeps segment 1 and reads only what follows the checkpoint.
        let report = try WALReplay.run(directory: folder.path, keepFrom: 1) { _ in }
        #expect(report.checkpoint == 1 && report.segments == [2])
        #expect(try folder.names() == ["00000001", "00000002", "checkpoint.00000001"])
        // Released, the next replay's repair removes it.
        holds.release("central")
        #expect(holds.oldestHeld == 3)
        _ = try WALReplay.run(directory: folder.path) { _ in }
        #expect(try folder.names() == ["00000002", "checkpoint.00000001"])
    }
}
