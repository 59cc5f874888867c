import Foundation
import Model
import PromQL

extension WebUI {
    /// What `/query` ran: nothing yet, a table, a graph, or why it failed.
    enum QueryOutcome: Sendable {
        case none
        case table(Value, at: Timestamp)
        case graph(Matrix, start: Int64, end: Int64, step: Int64)
        /// The message, and for a parse error the column (0-based, in bytes) it points at.
        case failed(String, column: Int?)
    }

    /// The longest range the graph offers, and how many points it aims at.
    static let graphPoints: Int64 = 250

    /// Runs the page's query under the `query:` limits, on the executor's own threads.
    func runQuery(_ params: RequestParameters, now: Timestamp) async -> QueryOutcome {
        let expr = params["expr"] ?? ""
        guard !expr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .none }
        let store = views.load().store
        if params["tab"] == "graph" {
            let length: PromDuration
            do {
                length = try PromDuration(parsing: params["range"].flatMap { $0.isEmpty ? nil : $0 } ?? "1h")
            } catch {
                return .failed("Range: \(error.description)", column: nil)
            }
            var end = now
            if let text = params["end"], !text.isEmpty {
                guard let parsed = QueryAPI.parseTime(text) else { return .failed("End: cannot parse \"\(text)\" as a time", column: nil) }
                end = parsed
            }
            guard length.milliseconds > 0 else { return .failed("Range: it must be longer than zero", column: nil) }
            let start = end.milliseconds - length.milliseconds
            let step = max(1000, length.milliseconds / Self.graphPoints)
            let last = end
            do {
                let result = try await executor.run { engine in
                    try engine.rangeQueryResult(
                        try Parser.parseExpr(expr), start: Timestamp(milliseconds: start), end: last, step: step, on: store)
                }
                return .graph(result.value, start: start, end: last.milliseconds, step: step)
            } catch {
                return Self.failure(error)
            }
        }
        var at = now
        if let text = params["time"], !text.isEmpty {
            guard let parsed = QueryAPI.parseTime(text) else { return .failed("Time: cannot parse \"\(text)\" as a time", column: nil) }
            at = parsed
        }
        let time = at
        do {
            let result = try await executor.run { engine in
                try engine.instantQueryResult(try Parser.parseExpr(expr), at: time, on: store)
            }
            return .table(result.value, at: time)
        } catch {
            return Self.failure(error)
        }
    }

    static func failure(_ error: any Error) -> QueryOutcome {
        if let parse = error as? ParseErrors, let first = parse.errors.first {
            return .failed(first.description, column: first.positionRange.start)
        }
        return .failed("\(error)", column: nil)
    }

    /// `/query`: a PromQL box, the result as a table (instant) or a graph (range), and an
    /// error shown under the expression at its position.
    func queryPage(_ page: PageRequest, outcome: QueryOutcome) -> PageAnswer {
        let expr = page.params["expr"] ?? ""
        let tab = page.params["tab"] == "graph" ? "graph" : "table"
        var context: [String: Any] = [
            "expr": expr, "time": page.params["time"] ?? "", "range": page.params["range"] ?? "1h",
            "end": page.params["end"] ?? "", "isGraph": tab == "graph",
            "tabs": ["table", "graph"].map { value -> [String: Any] in ["value": value, "selected": value == tab] },
        ]
        var status = 200
        switch outcome {
        case .none: break
        case .failed(let message, let column):
            status = 400
            context["error"] = message
            if let column {
                // The expression's line holding the error, with a caret under its column.
                let bytes = Array(expr.utf8)
                let offset = min(max(0, column), bytes.count)
                let lineStart = bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                let lineEnd = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
                let before = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
                context["errorLine"] = line
                context["caret"] = String(repeating: " ", count: before.count) + "^"
            }
        case .table(let value, let at):
            context["resultType"] = value.typeName
            context["evaluatedAt"] = WebFormat.time(at)
            context["rows"] = Self.rows(value)
            context["hasResult"] = true
        case .graph(let matrix, let start, let end, let step):
            let graph = QueryGraph(matrix: matrix, start: start, end: end, step: step)
            context["svg"] = graph.svg
            context["legend"] = graph.legend.map { entry -> [String: Any] in
                ["color": entry.color, "labels": entry.labels.isEmpty ? "{}" : "\(entry.labels)"]
            }
            context["seriesCount"] = matrix.count
            if matrix.count > QueryGraph.maxSeries { context["hidden"] = matrix.count - QueryGraph.maxSeries }
            context["step"] = PromDuration(milliseconds: step).description
            context["hasResult"] = true
        }
        return .render(status: status, template: "query", context: context)
    }

    /// Result rows: labels and the value (or, for a range vector, each value with its time).
    static func rows(_ value: Value) -> [[String: Any]] {
        switch value {
        case .vector(let vector):
            return vector.map { ["labels": $0.labels.isEmpty ? "{}" : "\($0.labels)", "value": WebFormat.value($0.value)] }
        case .matrix(let matrix):
            return matrix.map { series in
                let points = zip(series.timestamps, series.values).map { "\(WebFormat.value($1)) @\(Double($0) / 1000)" }
                return ["labels": "\(series.labels)", "value": points.joined(separator: "\n")]
            }
        case .scalar(let scalar):
            return [["labels": "scalar", "value": WebFormat.value(scalar.value)]]
        case .string(let string):
            return [["labels": "string", "value": string.value]]
        }
    }
}
