import Model
import Testing
@testable import PromQL

@Suite struct EvaluatorTests {
    /// `name{labels}` with one value per minute from t=0 (nil: no sample, .nan bit pattern for stale).
    func store(_ series: [(Labels, [Double?])]) throws -> SeriesStore {
        var store = SeriesStore()
        for (labels, values) in series {
            for (i, value) in values.enumerated() {
                guard let value else { continue }
                try store.append(labels, timestamp: Timestamp(milliseconds: Int64(i) * 60_000), value: value)
            }
        }
        return store
    }

    func instant(_ query: String, at seconds: Int64, _ store: SeriesStore) throws -> Value {
        try Engine().instantQuery(try Parser.parseExpr(query, options: .promqlTest),
                                  at: Timestamp(milliseconds: seconds * 1000), on: store)
    }

    func values(_ value: Value) -> [String: Double] {
        guard case .vector(let v) = value else { return [:] }
        return Dictionary(uniqueKeysWithValues: v.map { (PromLabelsFormat.string($0.labels), $0.value) })
    }

    let a = Labels(["__name__": "x", "job": "a"])
    let b = Labels(["__name__": "x", "job": "b"])

    @Test func lookbackIsLeftOpenFiveMinutes() throws {
        let s = try store([(a, [1, nil, nil, nil, nil, nil, nil])])
        #expect(values(try instant("x", at: 299, s)) == ["{__name__=\"x\", job=\"a\"}": 1])
        // At exactly t = 5m the sample at 0 is on the open edge: gone (3.x semantics).
        #expect(values(try instant("x", at: 300, s)).isEmpty)
    }

    @Test func staleMarkerEndsTheSeries() throws {
        let s = try store([(a, [1, 2, StaleNaN.value, nil])])
        #expect(values(try instant("x", at: 60, s)).values.first == 2)
        #expect(values(try instant("x", at: 150, s)).isEmpty)
        #expect(values(try instant("count_over_time(x[5m])", at: 150, s)).values.first == 2)
    }

    @Test func offsetAndAtModifier() throws {
        let s = try store([(a, [0, 10, 20, 30, 40])])
        #expect(values(try instant("x offset 2m", at: 240, s)).values.first == 20)
        #expect(values(try instant("x offset -1m", at: 120, s)).values.first == 30)
        #expect(values(try instant("x @ 60", at: 240, s)).values.first == 10)
        #expect(values(try instant("x @ end()", at: 180, s)).values.first == 30)
    }

    @Test func rateExtrapolatesAndDropsTheName() throws {
        let s = try store([(a, [0, 60, 120, 180, 240, 300])])
        #expect(values(try instant("rate(x[5m])", at: 300, s)) == ["{job=\"a\"}": 1])
    }

    @Test func aggregationsGroupByAndWithout() throws {
        let s = try store([(a, [1]), (b, [3])])
        #expect(values(try instant("sum(x)", at: 0, s)) == ["{}": 4])
        #expect(values(try instant("avg without (job) (x)", at: 0, s)) == ["{}": 2])
        #expect(values(try instant("max by (job) (x)", at: 0, s)) == ["{job=\"a\"}": 1, "{job=\"b\"}": 3])
        #expect(values(try instant("topk(1, x)", at: 0, s)) == ["{__name__=\"x\", job=\"b\"}": 3])
        #expect(values(try instant("count_values(\"v\", x)", at: 0, s)) == ["{v=\"1\"}": 1, "{v=\"3\"}": 1])
    }

    @Test func binaryMatchingAndItsErrors() throws {
        let s = try store([(a, [1]), (b, [3]), (Labels(["__name__": "y"]), [10])])
        #expect(values(try instant("x + on() group_left y", at: 0, s)) == ["{job=\"a\"}": 11, "{job=\"b\"}": 13])
        #expect(values(try instant("x > bool 2", at: 0, s)) == ["{job=\"a\"}": 0, "{job=\"b\"}": 1])
        #expect(throws: EvaluationError.self) { try instant("y + on() x", at: 0, s) }
        do {
            _ = try instant("y > on() x", at: 0, s)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix("found duplicate series for the match group {} on the right hand-side"))
        }
    }

    @Test func duplicateLabelsetAfterNameRemovalFails() throws {
        let s = try store([(Labels(["__name__": "m1", "k": "v"]), [1]), (Labels(["__name__": "m2", "k": "v"]), [2])])
        #expect(throws: EvaluationError.execution("vector cannot contain metrics with the same labelset")) {
            try instant("ceil({__name__=~\"m1|m2\"})", at: 0, s)
        }
        // Without a name-dropping function both series survive.
        #expect(values(try instant("{__name__=~\"m1|m2\"}", at: 0, s)).count == 2)
    }

    @Test func rangeQueryAndSubquery() throws {
        let s = try store([(a, [0, 1, 2, 3, 4, 5, 6])])
        let m = try Engine().rangeQuery(try Parser.parseExpr("x * 2"), start: Timestamp(milliseconds: 60_000),
                                        end: Timestamp(milliseconds: 180_000), step: 60_000, on: s)
        #expect(m.count == 1 && m[0].values == [2, 4, 6] && m[0].labels == Labels(["job": "a"]))
        #expect(values(try instant("max_over_time(x[3m:1m])", at: 360, s)).values.first == 6)
        #expect(values(try instant("count_over_time(x[3m:1m])", at: 360, s)).values.first == 3)
    }

    @Test func scalarAndStringResults() throws {
        let s = SeriesStore()
        #expect(try instant("1 + 2 * 3", at: 0, s) == .scalar(Scalar(timestamp: 0, value: 7)))
        #expect(try instant("2 ^ 3 ^ 2", at: 0, s) == .scalar(Scalar(timestamp: 0, value: 512)))
        #expect(try instant("\"hi\"", at: 5, s) == .string(StringValue(timestamp: 5000, value: "hi")))
    }
}
