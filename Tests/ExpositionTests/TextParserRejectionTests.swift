@testable import Exposition
import Testing

/// Every rejection path of the 0.0.4 parser, with where it is reported.
/// Rows marked `expfmt` are rejected by Prometheus's own parser too; the others are what
/// expfmt lets through but which loses data or breaks the format's "must"s.
@Suite struct TextParserRejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
        init(_ input: String, _ line: Int, _ column: Int, _ message: String) {
            self.input = input
            self.line = line
            self.column = column
            self.message = message
        }
    }

    static let cases: [Case] = [
        // expfmt: syntax
        Case("a 1", 1, 4, "unexpected end of input: the last line must end with a newline"),
        Case("a 1\r\n", 1, 3, "expected a float value, got \"1\r\" (CRLF line endings are not allowed)"),
        Case("\u{FEFF}a 1\n", 1, 1, "unexpected byte order mark (U+FEFF): the input must be plain UTF-8 without BOM"),
        Case("{a=\"b\"} 1\n", 1, 1, "expected a metric name, found '{' (series without a name or with a quoted name are not part of this format)"),
        Case("1a 1\n", 1, 1, "expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), found '1'"),
        Case("a-b 1\n", 1, 2, "invalid character '-' in metric name a (expected [a-zA-Z0-9_:], '{' or a space)"),
        Case("a\n", 1, 2, "expected a value after metric name a, found end of line"),
        Case("a{} \n", 1, 5, "expected a float value, found end of line"),
        Case("a 1x\n", 1, 3, "expected a float value, got \"1x\""),
        Case("a 0x10\n", 1, 3, "expected a float value, got \"0x10\""),
        Case("a 1_000\n", 1, 3, "expected a float value, got \"1_000\""),
        Case("a 1e400\n", 1, 3, "expected a float value, got \"1e400\""),
        Case("a 1 \n", 1, 4, "trailing whitespace after the value (expected a timestamp or end of line)"),
        Case("a 1 1.5\n", 1, 5, "expected an integer timestamp (milliseconds since the epoch), got \"1.5\""),
        Case("a 1 99999999999999999999\n", 1, 5, "expected an integer timestamp (milliseconds since the epoch), got \"99999999999999999999\""),
        Case("a 1 2 3\n", 1, 6, "unexpected text after the timestamp: \" 3\" (expected end of line)"),
        Case("a{b=\"1\"\n", 1, 8, "expected ',' or '}' after the value of label \"b\", found end of line"),
        Case("a{b=\"1\n", 1, 5, "unterminated value of label \"b\" (missing closing '\"')"),
        Case("a{b=\"1\";c=\"2\"} 1\n", 1, 8, "expected ',' or '}' after the value of label \"b\", found ';'"),
        Case("a{,} 1\n", 1, 3, "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) in a, found ','"),
        Case("a{\"b\"=\"1\"} 1\n", 1, 3, "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) in a, found '\"' (quoted label names are not part of this format)"),
        Case("a{1b=\"1\"} 1\n", 1, 3, "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) in a, found '1'"),
        Case("a{b.c=\"1\"} 1\n", 1, 4, "expected '=' after label name \"b\", found '.'"),
        Case("a{b=1} 1\n", 1, 5, "expected '\"' to start the value of label \"b\", found '1'"),
        Case("a{__name__=\"x\"} 1\n", 1, 3, "label name __name__ is reserved"),
        Case("a{b=\"1\",b=\"2\"} 1\n", 1, 9, "duplicate label name \"b\" in a"),
        Case("a{b=\"\\t\"} 1\n", 1, 6, "invalid escape sequence '\\t' in the value of label \"b\" (only \\\\, \\\" and \\n are allowed)"),
        Case("# HELP a x\\ty\n", 1, 11, "invalid escape sequence '\\t' in HELP (only \\\\ and \\n are allowed)"),
        Case("# HELP a say \\\"hi\\\"\n", 1, 14, "invalid escape sequence '\\\"' in HELP (only \\\\ and \\n are allowed)"),
        Case("# HELP a x\\\n", 1, 11, "invalid escape sequence '\\<end of line>' in HELP (only \\\\ and \\n are allowed)"),
        Case("# HELP 1a x\n", 1, 8, "invalid metric name in # HELP line (expected [a-zA-Z_:][a-zA-Z0-9_:]* and a space), found '1'"),
        Case("# TYPE a-b gauge\n", 1, 9, "invalid metric name in # TYPE line (expected [a-zA-Z_:][a-zA-Z0-9_:]* and a space), found '-'"),
        Case("# TYPE a gaugehistogram\n", 1, 10, "unknown metric type \"gaugehistogram\" (expected counter, gauge, histogram, summary or untyped)"),
        Case("# TYPE a info\n", 1, 10, "unknown metric type \"info\" (expected counter, gauge, histogram, summary or untyped)"),
        Case("# HELP a x\n# HELP a y\na 1\n", 2, 1, "second HELP line for a (the first is at line 1)"),
        Case("# TYPE a gauge\n# TYPE a gauge\na 1\n", 2, 1, "second TYPE line for a (the first is at line 1)"),
        Case("a 1\n# TYPE a gauge\n", 2, 1, "TYPE line for a after its samples (line 1); HELP and TYPE must come before the family's samples"),
        Case("# TYPE h histogram\nh_bucket{le=\"x\"} 1\n", 2, 1, "le=\"x\" is not a number (expected a float such as \"0.5\" or \"+Inf\")"),
        Case("# TYPE s summary\ns{quantile=\"high\"} 1\n", 2, 1, "quantile=\"high\" is not a number (expected a float such as \"0.5\" or \"+Inf\")"),
        // beyond expfmt: data loss and the format's "must"s
        Case("# TYPE a gauge\na 1\nb 1\na 2\n", 4, 1, "metric family a is split: sample a appears after other families' lines (the family's lines ended at line 2); all lines of a family must be contiguous"),
        Case("# HELP a x\n# HELP b y\n# TYPE a gauge\na 1\n", 3, 8, "metric family a is split: metadata for a appears after other families' lines (the family's lines ended at line 1); all lines of a family must be contiguous"),
        // The same two families in the other order (FuzzExposition found the order dependence).
        Case("lat_sum 1\n# TYPE lat histogram\nlat_bucket{le=\"+Inf\"} 1\nlat_count 1\n", 2, 1, "metric family lat collides with metric family lat_sum (lines ending at line 1): lat_sum is one of lat's series names; rename one of them"),
        Case("# TYPE lat histogram\nlat_bucket{le=\"+Inf\"} 1\nlat_count 1\n# TYPE lat_sum untyped\nlat_sum 1\n", 4, 8, "metric family lat is split: metadata for lat_sum appears after other families' lines (the family's lines ended at line 3); all lines of a family must be contiguous"),
        Case("a 1\n# HELP a late\n", 2, 1, "HELP line for a after its samples (line 1); HELP and TYPE must come before the family's samples"),
        Case("a{b=\"1\"} 1\na{b=\"1\"} 2\n", 2, 1, "duplicate series a{b=\"1\"}: each name and label set must appear once"),
        Case("a 1\na{b=\"\"} 2\n", 2, 1, "duplicate series a: each name and label set must appear once"),
        Case("# TYPE h histogram\nh_bucket 1\n", 2, 1, "histogram bucket h_bucket has no le label (expfmt silently drops it)"),
        Case("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n", 2, 1, "histogram h has no bucket with le=\"+Inf\""),
        Case("# TYPE h histogram\nh_sum{le=\"1\"} 1\n", 2, 1, "le label is only allowed on h_bucket, not on h_sum (expfmt would drop it and merge series)"),
        Case("# TYPE h histogram\nh 1\n", 2, 1, "sample h does not belong to histogram family h (expected h_bucket, h_sum or h_count)"),
        Case("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"1.0\"} 1\nh_bucket{le=\"+Inf\"} 1\n", 3, 1, "duplicate le bound \"1.0\" (same as \"1\")"),
        Case("# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\n", 3, 1, "le=\"1\" comes after le=\"2\": buckets must be in increasing order"),
        Case("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n", 3, 1, "h_count is 3 but the le=\"+Inf\" bucket is 2; they must be equal"),
        Case("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1.5\n", 2, 1, "h_bucket must be a non-negative integer count, got 1.5"),
        Case("# TYPE h histogram\nh_bucket{le=\"+Inf\"} -1\n", 2, 1, "h_bucket must be a non-negative integer count, got -1"),
        Case("# TYPE s summary\ns 1\n", 2, 1, "summary sample s has no quantile label (expfmt silently drops it)"),
        Case("# TYPE s summary\ns_count{quantile=\"0.5\"} 1\n", 2, 1, "quantile label is only allowed on s, not on s_count (expfmt would drop it and merge series)"),
        Case("# TYPE s summary\ns{quantile=\"0.9\"} 1\ns{quantile=\"0.5\"} 1\n", 3, 1, "quantile=\"0.5\" comes after quantile=\"0.9\": quantiles must be in increasing order"),
        Case("# TYPE s summary\ns_count NaN\n", 2, 1, "s_count must be a non-negative integer count, got NaN"),
        Case("# TYPE a gauge trailing\n", 1, 16, "unexpected text after the metric type: \"trailing\""),
        Case("# TYPE a\n", 1, 9, "expected a metric type after # TYPE a (counter, gauge, histogram, summary or untyped)"),
    ]

    @Test(arguments: cases)
    func rejects(_ row: Case) {
        var errors: [ExpositionError] = []
        do {
            _ = try TextParser(fileName: "t.prom").parse(row.input)
        } catch {
            errors = error.errors
        }
        #expect(errors.first.map { "\($0.line):\($0.column): \($0.message)" } == "\(row.line):\(row.column): \(row.message)")
        #expect(errors.first?.file == "t.prom")
    }

    /// Raw bytes: a Swift string literal cannot hold invalid UTF-8.
    @Test func rejectsInvalidUTF8() {
        let cases: [([UInt8], String)] = [
            (Array("a{b=\"".utf8) + [0xFF] + Array("\"} 1\n".utf8), "1:6: the value of label \"b\" is not valid UTF-8"),
            (Array("a{b=\"\\n".utf8) + [0xC3] + Array("\"} 1\n".utf8), "1:6: the value of label \"b\" is not valid UTF-8"),
            (Array("# HELP a ".utf8) + [0xE2, 0x82] + Array("\n".utf8), "1:10: HELP text for a is not valid UTF-8"),
        ]
        for (bytes, expected) in cases {
            var errors: [ExpositionError] = []
            do { _ = try TextParser().parse(bytes) } catch { errors = error.errors }
            #expect(errors.map { "\($0.line):\($0.column): \($0.message)" } == [expected])
        }
    }
}
