import Foundation
import Model
@testable import Storage

/// A temporary WAL folder.
struct WALFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "binwatch-wal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Every record a repairing replay reads.
    func replay() throws -> (records: [WALRecord], report: WALReplay.Report) {
        var records: [WALRecord] = []
        let report = try WALReplay.run(directory: path) { records.append($0) }
        return (records, report)
    }
}

/// One cycle's batch: a new series (ref = cycle) and one sample per series so far.
func batch(_ cycle: Int) -> [WALRecord] {
    var samples = WALSamples()
    for ref in 0...cycle { samples.append(ref: UInt64(ref), timestamp: Int64(cycle) * 15_000, value: Double(cycle) + Double(ref) / 8) }
    return [
        .series([WALSeries(ref: UInt64(cycle), labels: Labels(["__name__": "m", "i": "\(cycle)"]))]),
        .samples(samples),
        .sourceSeen(source: "s", refs: (0...cycle).map(UInt64.init)),
    ]
}
