import Foundation
import Model

extension TestScriptReader {
    func readEval(at index: Int) throws(TestScriptError) -> (Int, EvalCommand) {
        let header = lines[index]
        let lineNumber = index + 1
        let modifier: String?
        let exprText: String
        let kind: EvalCommand.Kind
        if let parts = Self.match(Self.instantPattern, header), let expr = parts[3] {
            modifier = parts[1]
            exprText = expr
            kind = .instant(at: try Self.duration(parts[2] ?? "", line: lineNumber, what: "timestamp definition"))
        } else if let parts = Self.match(Self.rangePattern, header), let from = parts[2], let to = parts[3],
                  let step = parts[4], let expr = parts[5] {
            modifier = parts[1]
            exprText = expr
            let start = try Self.duration(from, line: lineNumber, what: "start timestamp definition")
            let end = try Self.duration(to, line: lineNumber, what: "end timestamp definition")
            if end < start {
                throw TestScriptError(line: lineNumber, message: "invalid test definition, end timestamp (\(to)) is before start timestamp (\(from))")
            }
            kind = .range(start: start, end: end, step: try Self.duration(step, line: lineNumber, what: "step definition"))
        } else {
            throw TestScriptError(line: lineNumber, message: "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at <offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step <step> <query>'")
        }
        let expr: Expr
        var parseFailure: String?
        do {
            expr = try Parser.parseExpr(exprText, options: .promqlTest)
        } catch {
            let column = header.utf8.count - exprText.utf8.count
            let first = error.errors.first
            let position = first.map { PositionRange(start: $0.positionRange.start + column, end: $0.positionRange.end + column) }
            let message = "\(position?.startPosition(in: header) ?? "1:1"): parse error: \(first?.message ?? "")"
            guard skipUnparsableEvals else { throw TestScriptError(line: lineNumber, message: message) }
            parseFailure = message
            expr = .numberLiteral(NumberLiteral(value: .nan, positionRange: PositionRange(start: 0, end: 0)))
        }
        var command = EvalCommand(
            line: lineNumber, kind: kind, exprText: exprText, expr: expr, expectations: [], ordered: modifier == "ordered",
            expectedRangeVector: nil, expectedString: nil, expectedScalar: nil, expectedSeries: [],
            skipReason: parseFailure.map { "expression does not parse in Prometheus 3.x: \($0)" })
        switch modifier {
        case "fail": command.expectations.append(.init(kind: .fail))
        case "warn": command.expectations.append(.init(kind: .warn))
        case "info": command.expectations.append(.init(kind: .info))
        default: break
        }
        let bodyRange = body(after: index)
        var next = bodyRange.upperBound
        for bodyIndex in bodyRange {
            let text = lines[bodyIndex]
            let bodyLine = bodyIndex + 1
            if command.expectsFailure && modifier == "fail",
               let rest = text.droppingPrefix("expected_fail_message") ?? text.droppingPrefix("expected_fail_regexp") {
                let isMessage = text.hasPrefix("expected_fail_message")
                let value = rest.trimmingCharacters(in: CharacterSet.whitespaces)
                command.expectations[0] = .init(kind: .fail, message: isMessage ? value : nil, regex: isMessage ? nil : value)
                // upstream stops reading the block here.
                next = bodyIndex + 1
                break
            }
            if text.hasPrefix("expect range vector") {
                guard let parts = Self.match(Self.expectRangePattern, text), let from = parts[1], let to = parts[2],
                      let step = parts[3] else {
                    throw TestScriptError(line: bodyLine, message: "invalid range vector definition \(GoQuote.quote(text))")
                }
                command.expectedRangeVector = (
                    try Self.duration(from, line: bodyLine, what: "start timestamp definition"),
                    try Self.duration(to, line: bodyLine, what: "end timestamp definition"),
                    try Self.duration(step, line: bodyLine, what: "step definition"))
                continue
            }
            if text.hasPrefix("expect string") {
                command.expectedString = try Self.stringLiteral(text, line: bodyLine)
                continue
            }
            if text.split(separator: " ").first == "expect" {
                guard let parts = Self.match(Self.expectPattern, text), let mode = parts[1] else {
                    throw TestScriptError(line: bodyLine, message: "invalid expect statement, must match `expect <type> <match_type>: <string>` format")
                }
                if mode == "ordered" {
                    command.ordered = true
                    continue
                }
                guard let expectationKind = EvalCommand.Expectation.Kind(rawValue: mode) else { continue }
                var expectation = EvalCommand.Expectation(kind: expectationKind)
                if parts[2] == "msg" { expectation.message = parts[3]?.trimmingCharacters(in: CharacterSet.whitespaces) }
                if parts[2] == "regex" { expectation.regex = parts[3]?.trimmingCharacters(in: CharacterSet.whitespaces) }
                command.expectations.append(expectation)
                try validate(command, line: bodyLine)
                continue
            }
            if text.contains("{{") {
                command.skipReason = command.skipReason ?? "expects native histogram values at line \(bodyLine)"
                continue
            }
            if case .success(let number) = NumberParsing.number(text) {
                command.expectedScalar = number
                // upstream stops reading the block after a scalar.
                next = bodyIndex + 1
                break
            }
            let series = try Self.series(text, line: bodyLine)
            if series.values.count > 1, case .instant = kind, command.expectedRangeVector == nil {
                throw TestScriptError(line: bodyLine, message: "expecting multiple values in instant evaluation not allowed. consider using 'expect range vector' directive to enable a range vector result for an instant query")
            }
            command.expectedSeries.append(.init(line: bodyLine, labels: series.labels, values: series.values))
        }
        if command.skipReason == nil, let reason = Self.histogramOnlyReason(expr) {
            command.skipReason = reason
        }
        return (next, command)
    }

    private func validate(_ command: EvalCommand, line: Int) throws(TestScriptError) {
        let kinds = command.expectations.map(\.kind)
        if kinds.contains(.info) && kinds.contains(.noInfo) {
            throw TestScriptError(line: line, message: "invalid expect lines, info and no_info cannot be used together")
        }
        if kinds.contains(.warn) && kinds.contains(.noWarn) {
            throw TestScriptError(line: line, message: "invalid expect lines, warn and no_warn cannot be used together")
        }
        if kinds.filter({ $0 == .fail }).count > 1 {
            throw TestScriptError(line: line, message: "invalid expect lines, multiple expect fail lines are not allowed")
        }
    }

    static func stringLiteral(_ text: String, line: Int) throws(TestScriptError) -> String {
        let rest = text.droppingPrefix("expect string ") ?? ""
        let tokens = Lexer.tokenize(rest)
        guard tokens.count == 2, tokens[0].kind == .string else {
            throw TestScriptError(line: line, message: "expected string literal not valid - a quoted string literal is required")
        }
        return GoQuote.unquote(tokens[0].text)
    }

    /// Functions that only make sense on native histograms; evals using them are skipped.
    static let nativeHistogramFunctions: Set<String> = [
        "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev", "histogram_stdvar",
    ]

    static func histogramOnlyReason(_ expr: Expr) -> String? {
        var reason: String?
        expr.forEachNode { node in
            if reason == nil, case .call(let call) = node, nativeHistogramFunctions.contains(call.function.name) {
                reason = "uses \(call.function.name)(), which needs native histograms"
            }
        }
        return reason
    }
}

extension String {
    func droppingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
