import Foundation
import Testing

@Suite struct CheckMetricsTests {
    static func scratchFile(_ contents: String, name: String = "m.prom") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try contents.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func validFileExitsZeroSilently() async throws {
        let path = try Self.scratchFile("# HELP a A.\n# TYPE a gauge\na{z=\"1\"} 1\n")
        let result = try await BinwatchProcess.run(["check", "metrics", "--textfile", path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test func invalidFileExitsOneWithOneErrorPerLine() async throws {
        let path = try Self.scratchFile("a 1\nb x\na 2\nc{d=1} 2\n")
        let result = try await BinwatchProcess.run(["check", "metrics", path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(path):2:3: expected a float value, got "x"
            \(path):3:1: metric family a is split: sample a appears after other families' lines (the family's lines ended at line 1); all lines of a family must be contiguous
            \(path):4:5: expected '"' to start the value of label "d", found '1'

            """)
    }

    @Test func readsStandardInput() async throws {
        let ok = try await BinwatchProcess.run(["check", "metrics"], stdin: "a 1 1700000000000\n")
        #expect(ok.status == 0)
        let textfile = try await BinwatchProcess.run(["check", "metrics", "--textfile"], stdin: "a 1 1700000000000\n")
        #expect(textfile.status == 1)
        #expect(textfile.stderr == "<stdin>:1:5: sample a has a timestamp: node_exporter's textfile collector rejects client-side timestamps and drops the whole file\n")
    }

    @Test func openMetricsMode() async throws {
        let good = try await BinwatchProcess.run(["check", "metrics", "--openmetrics"], stdin: "# TYPE a counter\na_total 1 1.5\n# EOF\n")
        #expect(good.status == 0)
        let bad = try await BinwatchProcess.run(["check", "metrics", "--openmetrics"], stdin: "a 1\n")
        #expect(bad.status == 1)
        #expect(bad.stderr == "<stdin>:2:1: missing # EOF: OpenMetrics input must end with a \"# EOF\" line\n")
    }

    @Test func unreadableFileIsAnError() async throws {
        let result = try await BinwatchProcess.run(["check", "metrics", "/nonexistent/x.prom"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("/nonexistent/x.prom: cannot read:"))
    }

    /// The verdict agrees with promtool's parser wherever promtool finds a parse error
    /// (promtool exits 1 on those and 3 on lint findings only).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/promtool"), "promtool is not installed"))
    func agreesWithPromtoolOnParseErrors() async throws {
        let inputs = ["a 1", "a{b=\"\\t\"} 1\n", "a 1 1.5\n", "a 1_0\n", "# TYPE a foo\n", "a{b=\"1\",b=\"1\"} 1\n", "a 1 \n", "{a=\"b\"} 1\n"]
        for input in inputs {
            let promtool = try await BinwatchProcess.runTool(["/usr/bin/promtool", "check", "metrics"], stdin: input)
            #expect(promtool.status == 1, "promtool accepted \(input.debugDescription)")
            #expect(try await BinwatchProcess.run(["check", "metrics"], stdin: input).status == 1, "binwatch accepted \(input.debugDescription)")
        }
    }
}
