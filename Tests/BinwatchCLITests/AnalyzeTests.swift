import Foundation
import Testing

/// `binwatch analyze …` end to end: the built binary on CSV files, its JSON compared field by field
/// with scipy's answers (Tests/StatisticsTests/Fixtures/cli, written by scripts/gen-statistics-fixtures.py),
/// and bad files rejected with exit 1 and a message that points at the cell.
struct AnalyzeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("StatisticsTests/Fixtures/cli")

    struct Case {
        var args: [String]
        var csv: String
        var expected: [String: Any]
    }

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("cases.json"))
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return try list.map { item in
            Case(args: try #require(item["args"] as? [String]), csv: try #require(item["csv"] as? String),
                 expected: try #require(item["expected"] as? [String: Any]))
        }
    }

    /// Compares a JSON value from binwatch with scipy's: numbers to 1e-9 relative, the rest exactly.
    static func compare(_ got: Any?, _ want: Any, _ path: String) {
        switch want {
        case let w as [String: Any]:
            guard let g = got as? [String: Any] else { Issue.record("\(path): expected an object, got \(String(describing: got))"); return }
            for (k, v) in w { compare(g[k], v, "\(path).\(k)") }
        case let w as [Any]:
            guard let g = got as? [Any], g.count == w.count else {
                Issue.record("\(path): expected \(w.count) items, got \(String(describing: got))"); return
            }
            for (i, (gi, wi)) in zip(g, w).enumerated() { compare(gi, wi, "\(path)[\(i)]") }
        case let w as String:
            #expect(got as? String == w, "\(path)")
        case let w as NSNumber:
            guard let g = got as? NSNumber else { Issue.record("\(path): expected \(w), got \(String(describing: got))"); return }
            let (a, e) = (g.doubleValue, w.doubleValue)
            #expect(a == e || abs(a - e) <= 1e-9 * abs(e), "\(path): got \(a), scipy says \(e)")
        default:
            #expect(got is NSNull, "\(path): expected null, got \(String(describing: got))")
        }
    }

    @Test func everyAnalysisMatchesScipy() async throws {
        let all = try Self.cases()
        #expect(all.count >= 10)
        for c in all {
            let input = Self.fixtures.appendingPathComponent(c.csv).path
            let result = try await BinwatchProcess.run(["analyze"] + c.args + ["--input", input])
            let label = c.args.joined(separator: " ")
            #expect(result.status == 0, "\(label): \(result.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            Self.compare(json, c.expected, label)
        }
    }

    /// Writes `csv` to a temporary file and runs `analyze` on it.
    static func run(_ args: [String], csv: String) async throws -> BinwatchProcess.Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("in.csv")
        try Data(csv.utf8).write(to: file)
        return try await BinwatchProcess.run(["analyze"] + args + ["--input", file.path])
    }

    @Test(arguments: [
        // (arguments, CSV, what stderr must say)
        (["describe", "--column", "load"], "bin,util\n1,2\n2,3\n", #"no column named "load""#),
        (["describe", "--column", "util"], "bin,util\n1,2\n", #"too few values in column "util": need at least 2, got 1"#),
        (["describe", "--column", "util"], "bin,util\n1,2\n2,abc\n3,4\n", #"in.csv:3:3: column "util", row 2: "abc" is not a number"#),
        (["describe", "--column", "util"], "bin,util\n1,2\n2,NaN\n3,4\n", #"in.csv:3:3: column "util", row 2: "NaN": NaN and infinity are not accepted"#),
        (["describe", "--column", "util"], "bin,util\n1,2\n2,-inf\n", "NaN and infinity are not accepted"),
        (["describe", "--column", "util"], "bin,util\n1,2\n2,1e999\n", "too large for a double"),
        (["describe", "--column", "util"], "bin,util\n1,\n2,3\n", #"in.csv:2:3: column "util", row 1: the cell is empty"#),
        (["describe", "--column", "util"], "bin,util\n1,2\n2,\"3\n", "in.csv:3:3: unterminated quoted field"),
        (["describe", "--column", "util"], "bin,util\n1,2,9\n2,3\n", "in.csv:2:1: this row has 3 fields, the header has 2"),
        (["describe", "--column", "util"], "", "the file is empty"),
        (["correlate", "--x", "a", "--y", "b"], "a,b\n1,2\n2,3\n3,\n", #"columns "a" and "b" must be paired: 3 values against 2"#),
        (["correlate", "--x", "a", "--y", "b"], "a,b\n1,2\n1,3\n1,4\n", "every value of x is the same"),
        (["regress", "--x", "a", "--y", "b"], "a,b\n5,2\n5,3\n", "every value of x is the same"),
        (["ttest", "--a", "a", "--b", "b"], "a,b\n1,2\n1,2\n", "both samples"),
        (["outliers", "--column", "v"], "v\n1\n1\n1\n1\n9\n", "iqr: the spread is zero"),
        (["chisq"], "x,y\n1,-2\n3,4\n", #"column "y", row 1: a count cannot be negative"#),
        (["chisq"], "x,y\n0,0\n3,4\n", "expected count at row 1, column 1 is zero"),
        (["chisq"], "x,y\n1,two\n3,4\n", #"in.csv:2:3: column "y", row 1: "two" is not a number"#),
    ])
    func badInputExitsOneWithAClearMessage(args: [String], csv: String, message: String) async throws {
        let r = try await Self.run(args, csv: csv)
        #expect(r.status == 1, "\(args) exit status, stderr: \(r.stderr)")
        #expect(r.stderr.contains(message), "stderr was: \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func missingFileIsExitOne() async throws {
        let r = try await BinwatchProcess.run(["analyze", "describe", "--column", "x", "--input", "/nonexistent/binwatch.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/binwatch.csv: cannot read the file"))
    }

    @Test func quotedFieldsAndShorterColumns() async throws {
        // RFC 4180: quoted header with a comma, escaped quotes, CRLF line ends, a quoted number;
        // column "b" ends early, which ttest accepts as the smaller sample.
        let csv = "\"a, first\",\"b \"\"second\"\"\"\r\n1,10\r\n2,\"11\"\r\n3,13\r\n4,\r\n"
        let r = try await Self.run(["ttest", "--a", "a, first", "--b", #"b "second""#], csv: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["n_a"] as? Int == 4 && json["n_b"] as? Int == 3)
        // scipy.stats.ttest_ind([1,2,3,4], [10,11,13], equal_var=False)
        Self.compare(json["t"], -8.082424227628048 as NSNumber, "t")
        Self.compare(json["df"], 3.9593147751605993 as NSNumber, "df")
    }

    @Test func regressOnRowOrderReportsATrend() async throws {
        let r = try await Self.run(["regress", "--column", "acceptance", "--lower-is-better"],
                             csv: "acceptance\n70\n72\n71\n75\n77\n78\n80\n")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        // scipy.stats.linregress(range(7), [70,72,71,75,77,78,80]): slope 1.7142857142857142, p 0.00029…
        Self.compare(json["slope"], 1.7142857142857142 as NSNumber, "slope")
        #expect(json["trend"] as? String == "DECLINING")
    }

    @Test func chisqTableWithRowLabelsButNoHeader() async throws {
        // Same counts as table.csv without its header row: the first row is data, not labels.
        let r = try await Self.run(["chisq", "--no-correction"], csv: "HYBRID,120,30\nFFD,25,140\n")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["rows"] as? Int == 2 && json["columns"] as? Int == 2 && json["dof"] as? Int == 1)
        // scipy.stats.chi2_contingency([[120, 30], [25, 140]], correction=False).statistic
        Self.compare(json["chi2"], 133.00516319380415 as NSNumber, "chi2")
    }

    @Test func higherIsBetterOptionAndBlankPaddedHeader() async throws {
        let csv = "day, acceptance\n1, 70\n2, 72\n3, 71\n4, 75\n5, 77\n6, 78\n7, 80\n"
        for (args, trend) in [([String](), "IMPROVING"), (["--higher-is-better", "false"], "DECLINING")] {
            let r = try await Self.run(["regress", "--x", "day", "--y", "acceptance"] + args, csv: csv)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            #expect(json["trend"] as? String == trend)
            // scipy.stats.linregress(range(1, 8), [70,72,71,75,77,78,80]).pvalue
            Self.compare(json["p_value"], 0.00029114225193906096 as NSNumber, "p_value")
        }
    }

    @Test func unknownMethodIsAUsageError() async throws {
        let r = try await Self.run(["outliers", "--column", "v", "--method", "grubbs"], csv: "v\n1\n2\n")
        #expect(r.status != 0)
        #expect(r.stderr.contains("--method must be one of iqr, zscore, modified-zscore"))
    }
}
