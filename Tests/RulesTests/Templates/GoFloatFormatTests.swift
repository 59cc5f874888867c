import Testing
@testable import Rules

/// Values as Go 1.2x prints them (`fmt.Sprint`, `strconv.FormatFloat`).
@Suite struct GoFloatFormatTests {
    @Test(arguments: [
        (1_000_000.0, "1e+06"), (0.1 + 0.2, "0.30000000000000004"), (123456.0, "123456"), (1234567.0, "1.234567e+06"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (-42.5, "-42.5"), (0.0, "0"), (-0.0, "-0"), (1e21, "1e+21"),
        (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (100.0, "100"),
        (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (2.5, "2.5"),
    ])
    func shortest(value: Double, expected: String) {
        #expect(GoFloatFormat.format(value, verb: "g", precision: -1) == expected)
    }

    @Test(arguments: [
        (1234567.0, "g", 4, "1.235e+06"), (0.5, "f", 0, "0"), (1.5, "f", 0, "2"), (2.675, "f", 2, "2.67"),
        (1.0, "g", 4, "1"), (100.0, "g", 4, "100"), (100.0, "g", 2, "1e+02"), (0.000012345, "g", 3, "1.23e-05"),
        (3.14159, "e", 2, "3.14e+00"), (1e6, "e", -1, "1e+06"), (123.456, "f", -1, "123.456"), (1e-7, "f", -1, "0.0000001"),
    ])
    func withPrecision(value: Double, verb: String, precision: Int, expected: String) {
        #expect(GoFloatFormat.format(value, verb: Character(verb), precision: precision) == expected)
    }

    @Test func printfErrorNotations() {
        #expect(GoPrintf.sprintf("%d", [.float(1.5)]) == "%!d(float64=1.5)")
        #expect(GoPrintf.sprintf("%d %d", [.int(1)]) == "1 %!d(MISSING)")
        #expect(GoPrintf.sprintf("%d", [.int(1), .string("x")]) == "1%!(EXTRA string=x)")
        #expect(GoPrintf.sprintf("%5.1f|%-6s|%+d|%%", [.float(3.14159), .string("ab"), .int(3)]) == "  3.1|ab    |+3|%")
        #expect(GoPrintf.sprintf("%q", [.string("a\"b\n")]) == "\"a\\\"b\\n\"")
    }
}
