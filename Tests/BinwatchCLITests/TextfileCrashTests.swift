import Foundation
import TestSupport
import Testing

/// `TextfileWriter` under a writer that dies: a SIGKILL at any moment never leaves a partial
/// `.prom` file, and a failing write (EFBIG, standing in for a full disk) keeps the previous file.
@Suite(.serialized) struct TextfileCrashTests {
    static let series = 20_000

    static func scratchDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-crash-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A complete file written by `binwatch debug write-textfile`: every series present,
    /// all of one generation, last line terminated. Returns the generation.
    static func completeGeneration(_ data: Data) -> Double? {
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasSuffix("\n") else { return nil }
        var generation: Double?
        var count = 0
        var declared: Double?
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { return nil }
            if line.hasPrefix("binwatch_debug_series_count ") { declared = value; continue }
            if generation == nil { generation = value }
            guard value == generation else { return nil }
            count += 1
        }
        guard declared == Double(count), count == series else { return nil }
        return generation
    }

    @Test func sigkillMidWriteNeverLeavesAPartialPromFile() async throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.prom"
        var observations = 0
        var generationsSeen = Set<Double>()
        for round in 0..<6 {
            let writer = try ChildProcess.start(
                [BinwatchProcess.executable.path, "debug", "write-textfile", path, "--series", String(Self.series), "--loop"])
            defer { writer.stop() }
            _ = try await writer.firstStdoutLine()  // "wrote generation 1"
            // Watch the directory while the writer rewrites the file, then kill it at a varying moment.
            // At least 5 reads per round; in the last round, also wait (10 s at most) until a
            // rewrite was seen, so a loaded machine cannot make the test vacuous.
            let deadline = Date().addingTimeInterval(0.05 + 0.07 * Double(round))
            let hardDeadline = Date().addingTimeInterval(10)
            var roundObservations = 0
            while Date() < deadline || roundObservations < 5
                || (round == 5 && (generationsSeen.max() ?? 0) < 2 && Date() < hardDeadline) {
                roundObservations += 1
                for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".prom") {
                    let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
                    let generation = Self.completeGeneration(data)
                    #expect(generation != nil, "partial \(name) seen in round \(round) (\(data.count) bytes)")
                    if let generation { generationsSeen.insert(generation) }
                    observations += 1
                }
            }
            writer.send(SIGKILL)
            #expect(await writer.exited(within: .seconds(30)) == 128 + SIGKILL)
            let proms = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".prom") }
            #expect(proms == ["big.prom"])
            let final = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(Self.completeGeneration(final) != nil, "partial big.prom after the kill in round \(round)")
            let check = try await BinwatchProcess.run(["check", "metrics", "--textfile", path])
            #expect(check.status == 0, "\(check.stderr)")
        }
        #expect(observations >= 30)
        #expect(generationsSeen.count > 1, "the writer never replaced the file while watched")
    }

    @Test func failedWriteKeepsThePreviousFile() async throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/x.prom"
        let first = try await BinwatchProcess.run(["debug", "write-textfile", path, "--series", "10"])
        #expect(first.status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let failed = try await BinwatchProcess.run(["debug", "write-textfile", path, "--series", "20000", "--max-file-size", "4096"])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("textfile write: \(dir)/.x.prom.tmp."))
        #expect(failed.stderr.contains("File too large (errno 27)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.prom"])
    }
}
