import Foundation
import Remote
import Storage
import Testing

@Suite struct QueuePositionFileTests {
    func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-pos-\(UUID().uuidString)").path
    }

    @Test func theLastSavedPositionIsReadBack() throws {
        let file = path()
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try QueuePositionFile(path: file).position == nil)
        let writer = try QueuePositionFile(path: file)
        for i in 1...5 { try writer.save(QueuePosition(wal: WALPosition(segment: i, offset: i * 100), sample: i)) }
        #expect(try QueuePositionFile(path: file).position == QueuePosition(wal: WALPosition(segment: 5, offset: 500), sample: 5))
    }

    @Test func aTornSlotFallsBackToThePreviousPosition() throws {
        let file = path()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let writer = try QueuePositionFile(path: file)
        try writer.save(QueuePosition(wal: WALPosition(segment: 1, offset: 10)))
        try writer.save(QueuePosition(wal: WALPosition(segment: 2, offset: 20)))
        // The newest (second) write went to slot 0; damage it as a torn write would.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[10] ^= 0xff
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(try QueuePositionFile(path: file).position == QueuePosition(wal: WALPosition(segment: 1, offset: 10)))
    }
}
