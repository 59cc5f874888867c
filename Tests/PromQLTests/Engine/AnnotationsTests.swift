import Model
import Testing
@testable import PromQL

/// Warnings and infos: Prometheus 3.x's texts, positions and deduplication.
@Suite struct AnnotationsTests {
    /// One value per minute from t=0 for each series.
    func store(_ series: [(Labels, [Double])]) throws -> SeriesStore {
        var store = SeriesStore()
        for (labels, values) in series {
            for (i, value) in values.enumerated() {
                try store.append(labels, timestamp: Timestamp(milliseconds: Int64(i) * 60_000), value: value)
            }
        }
        return store
    }

    func instant(_ query: String, at seconds: Int64, _ store: SeriesStore) throws -> (warnings: [String], infos: [String]) {
        let result = try Engine().instantQueryResult(
            try Parser.parseExpr(query, options: .promqlTest), at: Timestamp(milliseconds: seconds * 1000), on: store)
        return result.annotations.strings(query: query)
    }

    func range(_ query: String, from: Int64, to: Int64, _ store: SeriesStore) throws -> (warnings: [String], infos: [String]) {
        let result = try Engine().rangeQueryResult(
            try Parser.parseExpr(query, options: .promqlTest), start: Timestamp(milliseconds: from * 1000),
            end: Timestamp(milliseconds: to * 1000), step: 60_000, on: store)
        return result.annotations.strings(query: query)
    }

    @Test func rateOfANameWithoutCounterSuffixIsAnInfo() throws {
        let s = try store([(Labels(["__name__": "requests", "job": "a"]), [0, 10, 20]),
                           (Labels(["__name__": "requests_total", "job": "a"]), [0, 10, 20])])
        let questioned = try instant("sum(rate(requests[5m]))", at: 120, s)
        #expect(questioned.warnings.isEmpty)
        #expect(questioned.infos == [
            "PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"requests\" (1:10)",
        ])
        #expect(try instant("increase(requests_total[5m])", at: 120, s).infos.isEmpty)
        // irate is not questioned by Prometheus either.
        #expect(try instant("irate(requests[5m])", at: 120, s).infos.isEmpty)
        // No output, no info: the window at t=0 holds one sample only.
        #expect(try instant("rate(requests[1m])", at: 0, s).infos.isEmpty)
    }

    @Test func quantileOutOfRangeWarnsOncePerValue() throws {
        let s = try store([(Labels(["__name__": "x", "i": "1"]), [1, 2, 3]), (Labels(["__name__": "x", "i": "2"]), [4, 5, 6])])
        #expect(try instant("quantile(2, x)", at: 60, s).warnings == [
            "PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)",
        ])
        #expect(try instant("quantile_over_time(-0.5, x[5m])", at: 60, s).warnings == [
            "PromQL warning: quantile value should be between 0 and 1, got -0.5 (1:20)",
        ])
        // x has no `le`: both the quantile and every bucket are questioned (sorted by text).
        #expect(try instant("histogram_quantile(NaN, x)", at: 60, s).warnings == [
            "PromQL warning: bucket label \"le\" is missing or has a malformed value of \"\" for metric name \"x\" (1:25)",
            "PromQL warning: quantile value should be between 0 and 1, got NaN (1:20)",
        ])
        #expect(try instant("quantile(0.5, x)", at: 60, s).warnings.isEmpty)
    }

    @Test func badBucketLabelNamesTheMetric() throws {
        let s = try store([(Labels(["__name__": "h_bucket", "le": "Hello World"]), [1]),
                           (Labels(["__name__": "h_bucket", "le": "+Inf"]), [2])])
        #expect(try instant("histogram_quantile(0.5, h_bucket)", at: 0, s).warnings == [
            "PromQL warning: bucket label \"le\" is missing or has a malformed value of \"Hello World\" for metric name \"h_bucket\" (1:25)",
        ])
    }

    @Test func forcedMonotonicityAccumulatesOverSteps() throws {
        let s = try store([(Labels(["__name__": "h_bucket", "le": "1"]), [5, 5, 5]),
                           (Labels(["__name__": "h_bucket", "le": "2"]), [3, 3, 3]),
                           (Labels(["__name__": "h_bucket", "le": "+Inf"]), [9, 9, 9])])
        let prefix = "PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \"h_bucket\""
        #expect(try instant("histogram_quantile(0.5, h_bucket)", at: 60, s).infos == [
            prefix + ", from buckets 2 to 2, with a max diff of 2, over 1 samples from 1970-01-01T00:01:00Z to 1970-01-01T00:01:00Z (1:25)",
        ])
        #expect(try range("histogram_quantile(0.5, h_bucket)", from: 0, to: 120, s).infos == [
            prefix + ", from buckets 2 to 2, with a max diff of 2, over 3 samples from 1970-01-01T00:00:00Z to 1970-01-01T00:02:00Z (1:25)",
        ])
    }

    @Test func sortWarnsInRangeQueriesOnly() throws {
        let s = try store([(Labels(["__name__": "x"]), [1, 2, 3])])
        let text = "PromQL warning: sort is ineffective for range queries since results are always ordered by labels"
        #expect(try range("sum(sort_desc(x))", from: 0, to: 120, s).warnings == [text + " (1:5)"])
        #expect(try instant("sort(x)", at: 120, s).warnings.isEmpty)
        // A subquery spans several steps even inside an instant query.
        #expect(try instant("max_over_time(sort(x)[2m:1m])", at: 120, s).warnings == [text + " (1:15)"])
    }

    @Test func limitRatioCapsWithAWarning() throws {
        let s = try store([(Labels(["__name__": "x", "i": "1"]), [1]), (Labels(["__name__": "x", "i": "2"]), [2])])
        let result = try Engine().instantQueryResult(
            try Parser.parseExpr("limit_ratio(1.1, x)", options: .promqlTest), at: Timestamp(milliseconds: 0), on: s)
        #expect(result.annotations.strings(query: "limit_ratio(1.1, x)").warnings == [
            "PromQL warning: ratio value should be between -1 and 1, got 1.1, capping to 1 (1:13)",
        ])
        guard case .vector(let all) = result.value else { Issue.record("expected a vector"); return }
        #expect(all.count == 2)
        // r and -(1 - r) split the input: every series lands in exactly one part.
        for r in [0.1, 0.3, 0.5, 0.9] {
            let first = try Engine().instantQuery(try Parser.parseExpr("limit_ratio(\(r), x)", options: .promqlTest),
                                                  at: Timestamp(milliseconds: 0), on: s)
            let second = try Engine().instantQuery(try Parser.parseExpr("limit_ratio(-\(1 - r), x)", options: .promqlTest),
                                                   at: Timestamp(milliseconds: 0), on: s)
            guard case .vector(let a) = first, case .vector(let b) = second else { Issue.record("expected vectors"); return }
            #expect(a.count + b.count == 2)
            #expect(Set(a.map(\.labels)).isDisjoint(with: b.map(\.labels)))
        }
    }

    @Test func apiResponseCarriesAtMostTenOfEachKind() {
        var annotations = Annotations()
        for i in 0..<12 {
            annotations.add(.invalidQuantile(Double(i + 2), PositionRange(start: 0, end: 1)))
        }
        annotations.add(.possibleNonCounter(metricName: "x", PositionRange(start: 2, end: 3)))
        annotations.add(.possibleNonCounter(metricName: "x", PositionRange(start: 2, end: 3)))
        let json = APIResponse.success(.scalar(Scalar(timestamp: 0, value: 1)), annotations: annotations, query: "q(x)")
        #expect(json.hasPrefix("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"1\"]},\"warnings\":["))
        #expect(json.contains("\"2 more warning annotations omitted\"]"))
        #expect(json.hasSuffix(",\"infos\":[\"PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \\\"x\\\" (1:3)\"]}"))
        #expect(APIResponse.success(.scalar(Scalar(timestamp: 0, value: 1))) == "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"1\"]}}")
    }

    @Test func goFormatting() {
        #expect(GoFormat.g2(0.5) == "0.5")
        #expect(GoFormat.g2(2) == "2")
        #expect(GoFormat.g2(123) == "1.2e+02")
        #expect(GoFormat.g2(0.000012345) == "1.2e-05")
        #expect(GoFormat.rfc3339(seconds: 0) == "1970-01-01T00:00:00Z")
        #expect(GoFormat.rfc3339(seconds: 1_700_000_000) == "2023-11-14T22:13:20Z")
        #expect(GoFormat.rfc3339(seconds: -1) == "1969-12-31T23:59:59Z")
        #expect(PromFloat.openMetrics(1) == "1.0")
        #expect(PromFloat.openMetrics(0.25) == "0.25")
        #expect(PromFloat.openMetrics(-0.1) == "-0.1")
        #expect(PromFloat.openMetrics(100) == "100.0")
    }
}

extension AnnotationsTests {
    /// engine.go replaces a subquery argument by a position-less matrix selector.
    @Test func rateOverASubqueryPointsAtTheStart() throws {
        let s = try store([(Labels(["__name__": "requests"]), [0, 10, 20, 30])])
        #expect(try instant("sum(rate(requests[3m:1m]))", at: 180, s).infos == [
            "PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"requests\" (1:1)",
        ])
    }
}
