import Testing
@testable import PromQL

/// Inputs the fuzzer (Fuzz/FuzzPromQLParser) crashed the parser with, and the nesting limit
/// of Parser+Depth.swift: each must end in a value or a parse error, never a trap.
@Suite struct ParserDepthTests {
    private func message(_ query: String) -> String? {
        do {
            _ = try Parser.parseExpr(query, options: .promqlTest)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func nestingAtTheLimitParses() throws {
        let parens = String(repeating: "(", count: 490) + "up" + String(repeating: ")", count: 490)
        #expect(message(parens) == nil)
        let chain = Array(repeating: "up", count: ExprParser.maxDepth - 1).joined(separator: " + ")
        #expect(message(chain) == nil)
        let calls = String(repeating: "abs(", count: 900) + "up" + String(repeating: ")", count: 900)
        #expect(message(calls) == nil)
    }

    @Test(arguments: [
        String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000),
        String(repeating: "-", count: 50_000) + "1",
        Array(repeating: "up", count: 5_000).joined(separator: " + "),
        "up[" + String(repeating: "(", count: 5_000) + "1m" + String(repeating: ")", count: 5_000) + "]",
        "up offset " + String(repeating: "- ", count: 5_000) + "1m",
        String(repeating: "2 ^ ", count: 5_000) + "2",
    ])
    func tooDeepIsAnError(query: String) throws {
        let text = try #require(message(query))
        #expect(text.contains("expression nested too deeply (more than 1000 levels)"))
    }

    /// `offset` with a number of seconds beyond Int64 milliseconds trapped in the conversion.
    @Test func offsetBeyondInt64IsOutOfRange() throws {
        let text = try #require(message("foo offset " + String(repeating: "3", count: 60) + "5"))
        #expect(text.contains("duration out of range"))
    }

    /// `@` bounds the seconds as Prometheus does; milliseconds beyond Int64 become Int64.min
    /// (Go's conversion on amd64) instead of trapping.
    @Test func atBeyondInt64MillisecondsParses() throws {
        let expr = try Parser.parseExpr("foo @ 33333333333333333")
        guard case .vectorSelector(let selector) = expr else {
            Issue.record("expected a vector selector, got \(expr)")
            return
        }
        #expect(selector.timestamp == Int64.min)
    }
}
