import Foundation
import Model
import PromQL

/// `/api/v1/query` and `/api/v1/query_range` parameters, as Prometheus parses them.
enum QueryAPI {
    /// A time as Unix seconds (fractions allowed) or RFC 3339.
    static func parseTime(_ text: String) -> Timestamp? {
        if let seconds = Double(text), seconds.isFinite { return Timestamp(milliseconds: Int64((seconds * 1000).rounded())) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Timestamp(milliseconds: Int64(date.timeIntervalSince1970 * 1000)) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Timestamp(milliseconds: Int64(date.timeIntervalSince1970 * 1000)) }
        return nil
    }

    /// A step as seconds or a Prometheus duration.
    static func parseStep(_ text: String) -> Int64? {
        if let seconds = Double(text), seconds.isFinite { return Int64((seconds * 1000).rounded()) }
        return (try? PromDuration(parsing: text))?.milliseconds
    }

    /// Answers a query request; returns (HTTP status, JSON body).
    static func instant(_ params: [String: String], scheduler: Scheduler) async -> (Int, String) {
        guard let query = params["query"] else { return (400, APIJSON.error("bad_data", "invalid parameter \"query\": query is empty")) }
        var time = scheduler.now()
        if let text = params["time"] {
            guard let parsed = parseTime(text) else {
                return (400, APIJSON.error("bad_data", "invalid parameter \"time\": cannot parse \"\(text)\" to a valid timestamp"))
            }
            time = parsed
        }
        do {
            let result = try await scheduler.queryResult(query, at: time)
            return (200, APIResponse.success(result.value, annotations: result.annotations, query: query))
        } catch {
            return (422, APIJSON.error(error is ParseErrors ? "bad_data" : "execution", "\(error)"))
        }
    }

    static func range(_ params: [String: String], scheduler: Scheduler) async -> (Int, String) {
        guard let query = params["query"] else { return (400, APIJSON.error("bad_data", "invalid parameter \"query\": query is empty")) }
        guard let startText = params["start"], let start = parseTime(startText) else {
            return (400, APIJSON.error("bad_data", "invalid parameter \"start\": cannot parse to a valid timestamp"))
        }
        guard let endText = params["end"], let end = parseTime(endText) else {
            return (400, APIJSON.error("bad_data", "invalid parameter \"end\": cannot parse to a valid timestamp"))
        }
        guard let stepText = params["step"], let step = parseStep(stepText), step > 0 else {
            return (400, APIJSON.error(
                "bad_data", "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer"))
        }
        do {
            let result = try await scheduler.queryRangeResult(query, start: start, end: end, step: step)
            return (200, APIResponse.success(.matrix(result.value), annotations: result.annotations, query: query))
        } catch {
            return (422, APIJSON.error(error is ParseErrors ? "bad_data" : "execution", "\(error)"))
        }
    }
}
