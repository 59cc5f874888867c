import Foundation
import Testing

/// `binwatch test promql`: failures with file:line, a closing tally, exit status.
@Suite struct TestPromQLTests {
    @Test func reportsFailuresAndTally() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-\(UUID().uuidString).test")
        try """
            load 1m
                m{a="1"} 0+1x10

            eval instant at 5m m
                m{a="1"} 5

            eval instant at 5m m
                m{a="1"} 6

            eval instant at 5m histogram_count(m)
                {a="1"} 1

            """.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try await BinwatchProcess.run(["test", "promql", url.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(url.path):7: FAIL: expected 6 for {__name__=\"m\", a=\"1\"} but got 5"))
        #expect(r.stdout.hasSuffix("1 passed, 1 failed, 1 skipped\n"))
    }

    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-\(UUID().uuidString).test")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Strict mode (the default) checks annotations as promqltest does; --ignore-annotations does not.
    @Test func checksWarningsAndInfosByDefault() async throws {
        let url = try write("""
            load 1m
                requests{a="1"} 0+1x10
                requests_total{a="1"} 0+1x10

            eval instant at 5m quantile(2, requests)
                expect warn msg: PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)
                {} +Inf

            eval_warn instant at 5m quantile(-1, requests)
                {} -Inf

            eval instant at 5m rate(requests[5m])
                expect info regex: might not be a counter.*"requests"
                {a="1"} 0.016666666666666666

            eval range from 1m to 2m step 1m sort(requests)
                expect no_warn
                requests{a="1"} 1 2

            eval instant at 5m rate(requests_total[5m])
                expect info
                {a="1"} 0.016666666666666666

            eval instant at 5m quantile(0.5, requests)
                expect warn
                {} 5

            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let strict = try await BinwatchProcess.run(["test", "promql", url.path])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("\(url.path):16: FAIL: unexpected warning annotations evaluating query \"sort(requests)\": [\"PromQL warning: sort is ineffective for range queries since results are always ordered by labels (1:1)\"]"))
        #expect(strict.stdout.contains("\(url.path):20: FAIL: expected info annotations but none were found for query \"rate(requests_total[5m])\""))
        #expect(strict.stdout.contains("\(url.path):24: FAIL: expected warn annotations but none were found for query \"quantile(0.5, requests)\""))
        #expect(strict.stdout.hasSuffix("3 passed, 3 failed, 0 skipped\n"))
        let lenient = try await BinwatchProcess.run(["test", "promql", "--ignore-annotations", url.path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout == "6 passed, 0 failed, 0 skipped\n")
    }
}
