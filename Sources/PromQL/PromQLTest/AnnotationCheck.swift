import Model

/// `checkAnnotations` of promqltest: how the warnings and infos a query returned must
/// relate to the eval's `expect warn|info|no_warn|no_info` lines (and `eval_warn`/`eval_info`).
/// An eval without such lines accepts any annotations.
enum AnnotationCheck {
    static func problem(_ eval: EvalCommand, _ annotations: Annotations, query: String) -> String? {
        let (warnings, infos) = annotations.strings(query: query)
        let expectations = eval.expectations
        if let problem = problem(expectations.filter { $0.kind == .warn }, warnings, kind: "warn", query: query) {
            return problem
        }
        if let problem = problem(expectations.filter { $0.kind == .info }, infos, kind: "info", query: query) {
            return problem
        }
        if expectations.contains(where: { $0.kind == .noWarn }) && !warnings.isEmpty {
            return "unexpected warning annotations evaluating query \(GoQuote.quote(query)): \(warnings)"
        }
        if expectations.contains(where: { $0.kind == .noInfo }) && !infos.isEmpty {
            return "unexpected info annotations evaluating query \(GoQuote.quote(query)): \(infos)"
        }
        return nil
    }

    /// `validateExpectedAnnotationsOfType`: every expected line matches some annotation and
    /// every annotation matches some expected line.
    private static func problem(
        _ expected: [EvalCommand.Expectation], _ actual: [String], kind: String, query: String
    ) -> String? {
        guard !expected.isEmpty else { return nil }
        if actual.isEmpty {
            return "expected \(kind) annotations but none were found for query \(GoQuote.quote(query))"
        }
        for expectation in expected where !actual.contains(where: { matches(expectation, $0) }) {
            return "expected \(kind) annotation matching \(describe(expectation)) but no matching annotation was found for query \(GoQuote.quote(query)), found: \(actual)"
        }
        for annotation in actual where !expected.contains(where: { matches($0, annotation) }) {
            return "unexpected \(kind) annotation \(GoQuote.quote(annotation)) found for query \(query)"
        }
        return nil
    }

    /// `expectCmd.CheckMatch`: exact text for `msg:`, unanchored RE2 match for `regex:`,
    /// anything for a bare `expect warn|info` (or `eval_warn`/`eval_info`).
    static func matches(_ expectation: EvalCommand.Expectation, _ text: String) -> Bool {
        if let message = expectation.message { return message == text }
        guard let pattern = expectation.regex else { return true }
        return (try? CompiledRegex(".*(?:\(pattern)).*"))?.matches(text) ?? false
    }

    private static func describe(_ expectation: EvalCommand.Expectation) -> String {
        if let message = expectation.message { return "message \(GoQuote.quote(message))" }
        return "pattern \(GoQuote.quote(expectation.regex ?? ".*"))"
    }
}
