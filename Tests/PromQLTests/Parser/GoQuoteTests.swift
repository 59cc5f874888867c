import Model
import Testing
@testable import PromQL

/// String literals resolve their escapes as Go's strconv.Unquote does: `\x` and octal escapes
/// are bytes, so escaped UTF-8 sequences make one character and stray bytes are not UTF-8.
struct GoQuoteTests {
    @Test(arguments: [
        (#""\xc3\xbf""#, "ÿ"),  // two bytes, one code point
        (#""\303\277""#, "ÿ"),  // the same in octal
        (#""\u00ff""#, "ÿ"),
        (#""a\tb\n""#, "a\tb\n"),
        (#"'it\'s'"#, "it's"),
        ("`\\xff`", "\\xff"),  // raw strings keep their backslashes
        (#""\xff""#, "\u{FFFD}"),  // not UTF-8: what Go's JSON and label checks see as invalid
    ])
    func unquote(token: String, expected: String) {
        #expect(GoQuote.unquote(token) == expected)
    }

    /// A string that held bytes that were not UTF-8 prints escaped and parses back to itself.
    @Test func invalidBytesPrintEscapedAndRoundTrip() throws {
        let expr = try Parser.parseExpr(#"count_values("a\xc5z", x)"#)
        #expect(expr.description == #"count_values("a\ufffdz", x)"#)
        #expect(try Parser.parseExpr(expr.description).description == expr.description)
    }

    /// functions.test:523: a destination label name that is not valid UTF-8 fails the query.
    @Test func labelReplaceRejectsADestinationThatIsNotUTF8() throws {
        var store = SeriesStore()
        try store.append(Labels(["__name__": "m", "src": "a"]), timestamp: Timestamp(milliseconds: 0), value: 1)
        let expr = try Parser.parseExpr(#"label_replace(m, "\xff", "", "src", "(.*)")"#)
        #expect(throws: EvaluationError.self) { try Engine().instantQuery(expr, at: Timestamp(milliseconds: 0), on: store) }
        let fine = try Parser.parseExpr(#"label_replace(m, "\xc3\xbf", "$1", "src", "(.*)")"#)
        let vector = try Engine().instantQuery(fine, at: Timestamp(milliseconds: 0), on: store)
        #expect("\(vector)".contains("ÿ"))
    }
}
