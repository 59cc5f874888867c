import Foundation
import Model
import PromQL

/// `/api/v1/query` and `/api/v1/query_range` parameters, as Prometheus parses them.
enum QueryAPI {
    /// A time as Unix seconds (fractions allowed) or RFC 3339.
    static func parseTime(_ text: String) -> Timestamp? {
        if let seconds = Double(text), seconds.isFinite { return Timestamp(milliseconds: Int64((seconds * 1000).rounded())) }
        return parseRFC3339(text)
    }

    /// An RFC 3339 time, with or without fractional seconds (the Alertmanager API's date-times too).
    static func parseRFC3339(_ text: String) -> Timestamp? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded())) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded())) }
        return nil
    }

    /// A step as seconds or a Prometheus duration.
    static func parseStep(_ text: String) -> Int64? {
        if let seconds = Double(text), seconds.isFinite { return Int64((seconds * 1000).rounded()) }
        return (try? PromDuration(parsing: text))?.milliseconds
    }

    /// Answers a query request; returns (HTTP status, JSON body).
    ///
    /// Parameters are checked in 2.42's order (`query` in `web/api/v1/api.go`): time, timeout,
    /// then the query's parse (a missing query is an empty one), each error naming its parameter.
    static func instant(_ params: RequestParameters, view: ReadView, executor: QueryExecutor, now: Timestamp) async -> (Int, String) {
        let query = params["query"] ?? ""
        var time = now
        // An empty `time` is no `time` (parseTimeParam).
        if let text = params["time"], !text.isEmpty {
            guard let parsed = parseTime(text) else {
                return rejected(executor, "invalid parameter \"time\": cannot parse \(GoQuote.quote(text)) to a valid timestamp")
            }
            time = parsed
        }
        let at = time
        let timeout: PromDuration?
        switch parseTimeout(params) {
        case .success(let value): timeout = value
        case .failure(let refusal): return rejected(executor, refusal.message)
        }
        let store = view.store
        do {
            // The answer is encoded on the query's thread too: a big result's JSON is real
            // work, and on the cooperative pool it would compete with the scheduler.
            let body = try await executor.run(timeout: timeout) { engine in
                let result = try engine.instantQueryResult(try Parser.parseExpr(query), at: at, on: store)
                return APIResponse.success(result.value, annotations: result.annotations, query: query)
            }
            return (200, body)
        } catch {
            return failed(error)
        }
    }

    /// Prometheus refuses range queries with more points per series than this
    /// (`web/api/v1/api.go`), before evaluating anything.
    static let maxPointsPerSeries: Int64 = 11_000

    /// In 2.42's order (`queryRange`): start, end, their order, step, the resolution limit,
    /// timeout, then the query's parse.
    static func range(_ params: RequestParameters, view: ReadView, executor: QueryExecutor) async -> (Int, String) {
        let query = params["query"] ?? ""
        let startText = params["start"] ?? "", endText = params["end"] ?? "", stepText = params["step"] ?? ""
        guard let start = parseTime(startText) else {
            return rejected(executor, "invalid parameter \"start\": cannot parse \(GoQuote.quote(startText)) to a valid timestamp")
        }
        guard let end = parseTime(endText) else {
            return rejected(executor, "invalid parameter \"end\": cannot parse \(GoQuote.quote(endText)) to a valid timestamp")
        }
        guard end >= start else {
            return rejected(executor, "invalid parameter \"end\": end timestamp must not be before start time")
        }
        guard let step = parseStep(stepText) else {
            return rejected(executor, "invalid parameter \"step\": cannot parse \(GoQuote.quote(stepText)) to a valid duration")
        }
        guard step > 0 else {
            return rejected(executor,
                "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer")
        }
        // For safety, as Prometheus: a bounded number of points per series.
        guard (end.milliseconds - start.milliseconds) / step <= maxPointsPerSeries else {
            return rejected(executor,
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")
        }
        let timeout: PromDuration?
        switch parseTimeout(params) {
        case .success(let value): timeout = value
        case .failure(let refusal): return rejected(executor, refusal.message)
        }
        let store = view.store
        do {
            let body = try await executor.run(timeout: timeout) { engine in
                let result = try engine.rangeQueryResult(try Parser.parseExpr(query), start: start, end: end, step: step, on: store)
                return APIResponse.success(.matrix(result.value), annotations: result.annotations, query: query)
            }
            return (200, body)
        } catch {
            return failed(error)
        }
    }

    /// A message for a request refused before evaluation.
    struct Refusal: Error {
        var message: String
    }

    /// The optional `timeout` parameter (a Prometheus duration or seconds).
    static func parseTimeout(_ params: RequestParameters) -> Result<PromDuration?, Refusal> {
        guard let text = params["timeout"] else { return .success(nil) }
        guard let milliseconds = parseStep(text), milliseconds > 0 else {
            return .failure(Refusal(message: "invalid parameter \"timeout\": cannot parse \(GoQuote.quote(text)) to a valid duration"))
        }
        return .success(PromDuration(milliseconds: milliseconds))
    }

    static func rejected(_ executor: QueryExecutor, _ message: String) -> (Int, String) {
        executor.countRejected()
        return (400, APIJSON.error("bad_data", message))
    }

    /// Prometheus's status codes (2.42's `respondError`): 400 bad_data, 422 execution,
    /// 503 timeout and canceled, 500 internal.
    static func failed(_ error: any Error) -> (Int, String) {
        if let parse = error as? ParseErrors {
            return (400, APIJSON.error("bad_data", "invalid parameter \"query\": \(parse.prometheus242Description)"))
        }
        guard let evaluation = error as? EvaluationError else { return (422, APIJSON.error("execution", "\(error)")) }
        let status = switch evaluation {
        case .timeout, .canceled: 503
        case .storage: 500
        case .tooManySamples, .execution: 422
        }
        return (status, APIJSON.error(evaluation.apiErrorType, evaluation.description))
    }
}
