import ArgumentParser
import Model
import PromQL

extension Binwatch {
    /// `binwatch query-range --data FILE --start T --end T --step D EXPR`, printed as
    /// Prometheus's `/api/v1/query_range` JSON.
    struct QueryRange: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query-range",
            abstract: "Evaluate a PromQL range query over OpenMetrics data (prints Prometheus API JSON).")

        @Option(help: "OpenMetrics text with timestamps, terminated by '# EOF'.")
        var data: String

        @Option(help: "Start time: Unix seconds or RFC 3339.")
        var start: String

        @Option(help: "End time: Unix seconds or RFC 3339.")
        var end: String

        @Option(help: "Resolution step: a duration (15s) or float seconds.")
        var step: String

        @Argument(help: "The PromQL expression.")
        var expr: String

        func run() async throws {
            do {
                try QueryData.respond(query: expr) {
                    let expr = try QueryData.parse(self.expr)
                    let startTime = try QueryData.parseTime(start, parameter: "start")
                    let endTime = try QueryData.parseTime(end, parameter: "end")
                    let stepMillis = try QueryData.parseStep(step)
                    if endTime < startTime {
                        throw QueryData.Failure(type: "bad_data", message: "invalid parameter \"end\": end timestamp must not be before start time")
                    }
                    if stepMillis <= 0 {
                        throw QueryData.Failure(type: "bad_data", message: "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer")
                    }
                    if (endTime.milliseconds - startTime.milliseconds) / stepMillis > 11000 {
                        throw QueryData.Failure(type: "bad_data", message: "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")
                    }
                    let store = try QueryData.load(path: data)
                    let result = try Engine().rangeQueryResult(expr, start: startTime, end: endTime, step: stepMillis, on: store)
                    return QueryResult(value: .matrix(result.value), annotations: result.annotations)
                }
            } catch is QueryData.ExitCodeError {
                throw ExitCode(1)
            }
        }
    }
}
