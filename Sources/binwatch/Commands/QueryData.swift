import Exposition
import Foundation
import Model
import PromQL

/// What `query` and `query-range` share: loading `--data` (OpenMetrics text with
/// timestamps, the input of `promtool tsdb create-blocks-from openmetrics`) into a
/// `SeriesStore`, parsing times and printing results as Prometheus's API does.
enum QueryData {
    struct Failure: Error {
        let type: String
        let message: String
    }

    /// Reads and loads the data file; every sample needs a timestamp.
    static func load(path: String) throws(Failure) -> SeriesStore {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(type: "bad_data", message: "cannot read data file \(path): \(error.localizedDescription)")
        }
        let families: [MetricFamily]
        do {
            families = try TextParser(format: .openMetrics, fileName: path).parse(text)
        } catch {
            throw Failure(type: "bad_data", message: error.description)
        }
        // Group per series and sort by time, so files listing series in any order load.
        var points: [Labels: [(Int64, Double)]] = [:]
        for family in families {
            for sample in family.samples {
                guard let timestamp = sample.timestamp else {
                    throw Failure(type: "bad_data", message: "\(path): sample \(sample.name)\(sample.labels) has no timestamp")
                }
                points[sample.labels.setting(LabelName.metricName, to: sample.name), default: []]
                    .append((timestamp.milliseconds, sample.value))
            }
        }
        var store = SeriesStore()
        for (labels, list) in points {
            for (t, v) in list.sorted(by: { $0.0 < $1.0 }) {
                do {
                    try store.append(labels, timestamp: Timestamp(milliseconds: t), value: v)
                } catch {
                    throw Failure(type: "bad_data", message: "\(path): \(error)")
                }
            }
        }
        return store
    }

    /// A Unix time in float seconds or an RFC 3339 time (Prometheus's `parseTime`).
    static func parseTime(_ text: String, parameter: String) throws(Failure) -> Timestamp {
        if let seconds = Double(text), seconds.isFinite {
            let whole = seconds.rounded(.towardZero)
            let millis = ((seconds - whole) * 1000).rounded()
            return Timestamp(milliseconds: Int64(whole) * 1000 + Int64(millis))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) {
            return Timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
        }
        throw Failure(type: "bad_data",
                      message: "invalid parameter \"\(parameter)\": cannot parse \"\(text)\" to a valid timestamp")
    }

    /// A step as a Prometheus duration (`15s`) or float seconds (`15`, `0.5`).
    static func parseStep(_ text: String) throws(Failure) -> Int64 {
        if let seconds = Double(text), seconds.isFinite {
            return Int64((seconds * 1000).rounded())
        }
        if let duration = try? PromDuration(parsing: text) { return duration.milliseconds }
        throw Failure(type: "bad_data",
                      message: "invalid parameter \"step\": cannot parse \"\(text)\" to a valid duration")
    }

    static func parse(_ query: String) throws(Failure) -> Expr {
        do {
            return try Parser.parseExpr(query)
        } catch {
            throw Failure(type: "bad_data", message: "invalid parameter \"query\": \(error)")
        }
    }

    /// Prints the success body (with the query's warnings and infos), or the error body
    /// and exits 1.
    static func respond(query: String, _ body: () throws -> QueryResult<Value>) throws {
        do {
            let result = try body()
            print(APIResponse.success(result.value, annotations: result.annotations, query: query))
        } catch let failure as Failure {
            print(APIResponse.error(type: failure.type, message: failure.message))
            throw ExitCodeError()
        } catch let error as EvaluationError {
            print(APIResponse.error(type: error.apiErrorType, message: error.description))
            throw ExitCodeError()
        }
    }

    struct ExitCodeError: Error {}
}
