import Foundation
import Testing

/// `binwatch query` / `query-range`: Prometheus API JSON, byte for byte.
@Suite struct QueryTests {
    static let data = """
        # TYPE http_requests counter
        http_requests_total{job="api",instance="0"} 0 0
        http_requests_total{job="api",instance="0"} 10 60
        http_requests_total{job="api",instance="0"} 20 120
        http_requests_total{job="api",instance="1"} 0 0
        http_requests_total{job="api",instance="1"} 20 60
        http_requests_total{job="api",instance="1"} 40 120.5
        # EOF

        """

    func withData(_ body: (String) async throws -> Void) async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-query-\(UUID().uuidString).om")
        try Self.data.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        try await body(url.path)
    }

    @Test func instantVector() async throws {
        try await withData { path in
            let r = try await BinwatchProcess.run(["query", "--data", path, "--time", "120", "http_requests_total{instance=\"0\"}"])
            #expect(r.status == 0)
            #expect(r.stdout == """
                {"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"http_requests_total","instance":"0","job":"api"},"value":[120,"20"]}]}}\n
                """)
        }
    }

    @Test func scalarAndRangeVector() async throws {
        try await withData { path in
            let scalar = try await BinwatchProcess.run(["query", "--data", path, "--time", "1970-01-01T00:02:00Z", "1/3"])
            #expect(scalar.stdout == "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[120,\"0.3333333333333333\"]}}\n")
            let matrix = try await BinwatchProcess.run(["query", "--data", path, "--time", "121", "http_requests_total{instance=\"1\"}[1m]"])
            #expect(matrix.stdout.contains("\"values\":[[120.500,\"40\"]]"))
        }
    }

    @Test func rangeQuery() async throws {
        try await withData { path in
            let r = try await BinwatchProcess.run(["query-range", "--data", path, "--start", "60", "--end", "120", "--step", "1m",
                                             "sum(http_requests_total)"])
            #expect(r.stdout == """
                {"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[60,"30"],[120,"40"]]}]}}\n
                """)
        }
    }

    @Test func annotationsFollowDataAsTheAPIPrintsThem() async throws {
        try await withData { path in
            let r = try await BinwatchProcess.run(["query", "--data", path, "--time", "120", "rate(http_requests[2m]) or quantile(1.5, http_requests_total)"])
            #expect(r.status == 0)
            // The metric is named without _total here: the info names it and points at the selector.
            #expect(r.stdout.hasSuffix("]},\"warnings\":[\"PromQL warning: quantile value should be between 0 and 1, got 1.5 (1:37)\"]}\n"))
            let counter = try await BinwatchProcess.run(["query", "--data", path, "--time", "120", "rate(http_requests_total[2m])"])
            #expect(!counter.stdout.contains("infos"))
            let sorted = try await BinwatchProcess.run(["query-range", "--data", path, "--start", "60", "--end", "120", "--step", "60",
                                                  "sort(http_requests_total)"])
            #expect(sorted.stdout.hasSuffix(",\"warnings\":[\"PromQL warning: sort is ineffective for range queries since results are always ordered by labels (1:1)\"]}\n"))
        }
    }

    @Test func errorsAreJSONWithExitOne() async throws {
        try await withData { path in
            let parse = try await BinwatchProcess.run(["query", "--data", path, "--time", "0", "sum("])
            #expect(parse.status == 1)
            #expect(parse.stdout == "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:5: parse error: unclosed left parenthesis\"}\n")
            let exec = try await BinwatchProcess.run(["query", "--data", path, "--time", "120", "http_requests_total + on(job) http_requests_total"])
            #expect(exec.status == 1)
            #expect(exec.stdout.hasPrefix("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"found duplicate series for the match group"))
        }
    }
}
