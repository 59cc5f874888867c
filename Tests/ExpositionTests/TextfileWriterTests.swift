@testable import Exposition
import Foundation
import Model
import Testing

@Suite struct TextfileWriterTests {
    static func scratchDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-writer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let families = [
        MetricFamily(name: "wms_up", help: "WMS reachable.", type: .gauge, samples: [MetricSample(name: "wms_up", value: 1)]),
    ]

    @Test func writesReplacesAndLeavesNoTemporaryFile() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/binwatch.prom"
        let writer = TextfileWriter(path: path)
        try writer.write(Self.families)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# HELP wms_up WMS reachable.\n# TYPE wms_up gauge\nwms_up 1\n")
        var second = Self.families
        second[0].samples[0].value = 0
        try writer.write(second)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("wms_up 0\n"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["binwatch.prom"])
    }

    @Test func missingDirectoryFailsWithTypedError() {
        let writer = TextfileWriter(path: "/nonexistent-binwatch-dir/x.prom")
        #expect {
            try writer.write(contents: Array("a 1\n".utf8))
        } throws: { error in
            guard let error = error as? TextfileWriterError else { return false }
            return error.code == .createTemporaryFile && error.errno == ENOENT && error.path == "/nonexistent-binwatch-dir"
                && error.description.contains("No such file or directory")
        }
    }

    /// rename(2) of a file over a directory fails after the contents were written: the
    /// temporary file must be removed and the target left as it was.
    @Test func failedRenameLeavesTargetAndRemovesTemporaryFile() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/busy.prom"
        try FileManager.default.createDirectory(atPath: target + "/inside", withIntermediateDirectories: true)
        #expect {
            try TextfileWriter(path: target).write(contents: Array("a 1\n".utf8))
        } throws: { error in
            (error as? TextfileWriterError)?.code == .rename
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["busy.prom"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["inside"])
    }

    @Test func refusedFamiliesLeaveThePreviousFile() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/x.prom"
        try TextfileWriter(path: path).write(Self.families)
        let withTimestamp = [MetricFamily(name: "t", type: .gauge, samples: [MetricSample(name: "t", value: 1, timestamp: Timestamp(milliseconds: 1))])]
        #expect {
            try TextfileWriter(path: path).write(withTimestamp)
        } throws: { error in
            (error as? TextfileWriterError)?.code == .encoding
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("wms_up 1\n"))
    }

    @Test func splitsPaths() {
        #expect(TextfileWriter.directory(of: "/a/b/c.prom") == "/a/b")
        #expect(TextfileWriter.directory(of: "/c.prom") == "/")
        #expect(TextfileWriter.directory(of: "c.prom") == ".")
        #expect(TextfileWriter.baseName(of: "/a/b/c.prom") == "c.prom")
    }
}
