import Model
import Synchronization
import Testing
@testable import PromQL

/// Timeout and cancellation stop a query between steps/series, with an injected clock.
@Suite struct QueryInterruptionTests {
    /// A clock that moves one millisecond every time it is read.
    final class SteppingClock: Sendable {
        let now = Mutex<Int64>(0)
        func read() -> Timestamp {
            now.withLock { value in
                value += 1
                return Timestamp(milliseconds: value)
            }
        }
    }

    func store() throws -> SeriesStore {
        var store = SeriesStore()
        for i in 0..<20 {
            for t in 0..<30 {
                try store.append(Labels(["__name__": "x", "i": "\(i)"]), timestamp: Timestamp(milliseconds: Int64(t) * 60_000), value: Double(t))
            }
        }
        return store
    }

    let query = "sum by (i) (rate(x[5m]))"

    @Test func deadlineTimesTheQueryOut() throws {
        let clock = SteppingClock()
        var engine = Engine()
        engine.interruption = .deadline(Timestamp(milliseconds: 10)) { clock.read() }
        let expr = try Parser.parseExpr(query)
        #expect(throws: EvaluationError.timeout("expression evaluation")) {
            try engine.rangeQuery(expr, start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 1_800_000),
                                  step: 60_000, on: try store())
        }
        #expect(EvaluationError.timeout("expression evaluation").description == "query timed out in expression evaluation")
        // It stopped right at the deadline, not at the end of the query.
        #expect(clock.now.withLock { $0 } == 10)
    }

    @Test func cancellationStopsTheQuery() throws {
        let reads = Mutex(0)
        var engine = Engine()
        engine.interruption = .cancellation { reads.withLock { $0 += 1; return $0 > 3 } }
        #expect(throws: EvaluationError.canceled("expression evaluation")) {
            try engine.instantQuery(try Parser.parseExpr(query), at: Timestamp(milliseconds: 600_000), on: try store())
        }
        #expect(EvaluationError.canceled("expression evaluation").apiErrorType == "canceled")
    }

    @Test func aDistantDeadlineChangesNothing() throws {
        var engine = Engine()
        engine.interruption = .deadline(Timestamp(milliseconds: 1_000_000)) { Timestamp(milliseconds: 0) }
        let expr = try Parser.parseExpr(query)
        let s = try store()
        let with = try engine.rangeQuery(expr, start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 1_800_000), step: 60_000, on: s)
        let without = try Engine().rangeQuery(expr, start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 1_800_000), step: 60_000, on: s)
        #expect(with.count == 20)
        #expect(with.map(\.values) == without.map(\.values))
    }
}

/// `maxSamples`: a selection or a range window holding more points fails the query.
@Suite struct SampleLimitTests {
    @Test func tooManySamplesInOneWindow() throws {
        var store = SeriesStore()
        for t in 0..<100 {
            try store.append(Labels(["__name__": "x_total"]), timestamp: Timestamp(milliseconds: Int64(t) * 1000), value: Double(t))
        }
        let expr = try Parser.parseExpr("rate(x_total[1m])")
        let small = Engine(maxSamples: 50)
        #expect(throws: EvaluationError.tooManySamples("query execution")) {
            try small.instantQuery(expr, at: Timestamp(milliseconds: 99_000), on: store)
        }
        #expect(EvaluationError.tooManySamples("query execution").description
            == "query processing would load too many samples into memory in query execution")
        // 60 points per window fit a limit of 60.
        let fitting = try Engine(maxSamples: 60).instantQuery(expr, at: Timestamp(milliseconds: 99_000), on: store)
        guard case .vector(let v) = fitting else { Issue.record("expected a vector"); return }
        #expect(v.first?.value == 1)
    }
}
