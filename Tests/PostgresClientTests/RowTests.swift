import PostgresClient
import Testing

@Suite struct RowTests {
    @Test(arguments: [
        ("42", PostgresType.int4, 42.0),
        ("-1.5e3", .float8, -1500),
        ("0.33333333333333333333", .numeric, 0.33333333333333333333),
        ("Infinity", .float8, Double.infinity),
        ("-Infinity", .numeric, -Double.infinity),
        ("t", .bool, 1),
        ("f", .bool, 0),
        ("17", .text, 17),
    ])
    func numericText(text: String, type: PostgresType, expected: Double) throws {
        let value = try Row([text]).double(at: 0, column: Column(name: "v", type: type))
        #expect(value == expected)
    }

    @Test func nanAndNull() throws {
        let column = Column(name: "v", type: .float8)
        #expect(try Row(["NaN"]).double(at: 0, column: column)?.isNaN == true)
        #expect(try Row([nil]).double(at: 0, column: column) == nil)
    }

    @Test(arguments: ["abc", "0x1p3", "2024-01-01 00:00:00", "", "inf"])
    func nonNumericTextIsAnError(text: String) {
        let column = Column(name: "when", type: .timestamptz)
        #expect(throws: PostgresError.self) { try Row([text]).double(at: 0, column: column) }
        do {
            _ = try Row([text]).double(at: 0, column: column)
        } catch {
            #expect(error.kind == .conversion)
            #expect(error.message.contains("column \"when\" of type timestamp with time zone is not numeric"))
        }
    }
}
