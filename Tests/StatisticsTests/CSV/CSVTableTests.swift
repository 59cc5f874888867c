import Testing
@testable import Statistics

/// The CSV reader moved here from the CLI (its end-to-end tests are BinwatchCLITests/AnalyzeTests):
/// the splitting rules, cell positions and error locations, read from bytes with no file.
struct CSVTableTests {
    private func table(_ text: String) throws(CSVInputError) -> CSVTable { try CSVTable(file: "t.csv", bytes: Array(text.utf8)) }

    @Test func quotedFieldsLineBreaksAndCRLF() throws {
        let t = try table("a,\"b,\"\"c\"\"\"\r\n\"x\ny\",2\n\n3,4")
        #expect(t.records.count == 3)
        #expect(t.records[0].map(t.text) == ["a", "b,\"c\""])
        #expect(t.records[1].map(t.text) == ["x\ny", "2"])
        #expect(t.records[2][1].line == 5 && t.records[2][1].column == 3)
    }

    @Test(arguments: [
        ("a,\"b\n", "t.csv:1:3: unterminated quoted field (the quote opened here is never closed)"),
        ("a,\"b\"c\n", "t.csv:1:6: expected ',' or end of line after a closing quote"),
        ("a,b\"c\n", "t.csv:1:4: a quote inside an unquoted field (quote the whole field and double the quote)"),
    ])
    func quotingErrorsAreLocated(input: String, message: String) {
        #expect(throws: CSVInputError.self) { try table(input) }
        do { _ = try table(input) } catch { #expect(error.description == message) }
    }

    @Test func invalidUTF8IsAnError() {
        do {
            _ = try CSVTable(file: "t.csv", bytes: [0x61, 0xFF, 0x0A])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "t.csv: the file is not UTF-8 text")
        }
    }

    @Test func columnsAndCells() throws {
        let columns = try CSVColumns(table("x,y\n1,2.5\n-3e2, \n,\n"))
        #expect(try columns.values(of: "x") == [1, -300])
        #expect(try columns.values(of: "y") == [2.5])
        do throws(CSVInputError) {
            _ = try CSVColumns(table("x\nnan\n")).values(of: "x")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "t.csv:2:1: column \"x\", row 1: \"nan\": NaN and infinity are not accepted")
        }
    }

    @Test func contingencyTableWithLabels() throws {
        let counts = try ContingencyTable(table("alg,yes,no\nFFD,25,140\nBFD,30,120\n")).counts
        #expect(counts == [[25, 140], [30, 120]])
    }
}
