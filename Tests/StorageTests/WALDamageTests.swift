import Foundation
import Model
@testable import Storage
import Testing

@Suite struct WALDamageTests {
    /// Writes `cycles` batches into segment 0 and returns the file's bytes and where the
    /// last record starts.
    func written(_ folder: WALFolder, cycles: Int) throws -> (bytes: [UInt8], lastRecord: Int) {
        let writer = try WALWriter(directory: folder.path, segment: 0, segmentSize: 1 << 30, fsync: .segment)
        for cycle in 0..<cycles { try writer.append(batch(cycle)) }
        writer.close()
        let bytes = try WALFiles.read(folder.file("00000000"))
        var last = 0
        _ = bytes.withUnsafeBytes { WALFrame.read($0) { _, offset in last = offset } }
        return (bytes, last)
    }

    /// The last segment cut at every byte offset of its last record (a SIGKILL or power loss
    /// mid-write): the replay succeeds, loses exactly that record, truncates the file to the
    /// record's start and reports the torn tail there.
    @Test func tornTailAtEveryOffset() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        let (bytes, lastRecord) = try written(folder, cycles: 4)
        let expected = Array((0..<4).flatMap(batch).dropLast())
        for cut in lastRecord..<bytes.count {
            try Data(bytes[..<cut]).write(to: URL(fileURLWithPath: folder.file("00000000")))
            let (records, report) = try folder.replay()
            #expect(records == expected, "cut at \(cut)")
            if cut == lastRecord {
                #expect(report.tornTail == nil)
            } else {
                #expect(report.tornTail?.offset == lastRecord, "cut at \(cut)")
                #expect(report.tornTail?.segment == 0)
            }
            #expect(WALFiles.fileSize(folder.file("00000000")) == lastRecord)
            #expect(report.nextSegment == 1)
            try? FileManager.default.removeItem(atPath: folder.file("00000001"))
        }
    }

    /// One flipped byte anywhere in the last record of the last segment: that record is
    /// dropped as a torn tail, the earlier ones are kept.
    @Test func flippedByteInLastRecord() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        let (bytes, lastRecord) = try written(folder, cycles: 3)
        for position in stride(from: lastRecord, to: bytes.count, by: 3) {
            var damaged = bytes
            damaged[position] ^= 0x40
            try Data(damaged).write(to: URL(fileURLWithPath: folder.file("00000000")))
            let (records, report) = try folder.replay()
            #expect(records == Array((0..<3).flatMap(batch).dropLast()), "byte \(position)")
            #expect(report.tornTail?.offset == lastRecord)
        }
    }

    /// A corrupted byte in a middle segment: the replay goes on with the later segments,
    /// keeps what came before the damage, and sets the file aside (renamed, not deleted).
    @Test func corruptMiddleSegmentIsSetAside() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        for segment in 0..<3 {
            let writer = try WALWriter(directory: folder.path, segment: segment, segmentSize: 1 << 30, fsync: .segment)
            for cycle in (segment * 3)..<(segment * 3 + 3) { try writer.append(batch(cycle)) }
            writer.close()
        }
        var middle = try WALFiles.read(folder.file("00000001"))
        let firstBatchBytes = batch(3).reduce(into: ByteWriter()) { WALFrame.append($1, to: &$0) }.bytes.count
        middle[firstBatchBytes + 20] ^= 0xFF
        try Data(middle).write(to: URL(fileURLWithPath: folder.file("00000001")))

        let (records, report) = try folder.replay()
        #expect(records == batch(0) + batch(1) + batch(2) + batch(3) + batch(6) + batch(7) + batch(8))
        #expect(report.setAside.count == 1)
        #expect(report.setAside.first?.corruption.segment == 1)
        #expect(report.setAside.first?.corruption.offset == firstBatchBytes)
        #expect(report.tornTail == nil)
        #expect(try folder.names() == ["00000000", "00000001.corrupt", "00000002"])
        #expect(try WALFiles.read(folder.file("00000001.corrupt")) == middle)
        #expect(report.nextSegment == 3)
    }

    /// A read-only replay (`binwatch check state`) reports the same damage and changes nothing.
    @Test func readOnlyReplayRepairsNothing() throws {
        let folder = try WALFolder()
        defer { folder.remove() }
        let (bytes, lastRecord) = try written(folder, cycles: 2)
        try Data(bytes.dropLast(3)).write(to: URL(fileURLWithPath: folder.file("00000000")))
        var count = 0
        let report = try WALReplay.run(directory: folder.path, repair: false) { _ in count += 1 }
        #expect(report.tornTail?.offset == lastRecord)
        #expect(count == batch(0).count + batch(1).count - 1)
        #expect(WALFiles.fileSize(folder.file("00000000")) == bytes.count - 3)
    }
}
