import ArgumentParser
import Foundation
import Model
import PromQL

extension Binwatch {
    /// `binwatch query --data FILE [--time T] EXPR`: an instant query over a data file,
    /// printed as Prometheus's `/api/v1/query` JSON.
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a PromQL instant query over OpenMetrics data (prints Prometheus API JSON).")

        @Option(help: "OpenMetrics text with timestamps, terminated by '# EOF'.")
        var data: String

        @Option(help: "Evaluation time: Unix seconds or RFC 3339 (default: now).")
        var time: String?

        @Argument(help: "The PromQL expression.")
        var expr: String

        func run() async throws {
            do {
                try QueryData.respond(query: expr) {
                    let expr = try QueryData.parse(self.expr)
                    let t = try time.map { raw throws(QueryData.Failure) in try QueryData.parseTime(raw, parameter: "time") }
                        ?? Timestamp(seconds: Date().timeIntervalSince1970)
                    let store = try QueryData.load(path: data)
                    return try Engine().instantQueryResult(expr, at: t, on: store)
                }
            } catch is QueryData.ExitCodeError {
                throw ExitCode(1)
            }
        }
    }
}
