@testable import Exposition
import PropertyBased
import Testing

@Suite struct GoFloatTests {
    /// Expected spellings are Go's `strconv.FormatFloat(f, 'g', -1, 64)` (expfmt's writer).
    @Test(arguments: [
        (0.1, "0.1"), (1e6, "1e+06"), (1.5e-7, "1.5e-07"), (123456, "123456"), (1234567, "1.234567e+06"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (100000, "100000"), (1e21, "1e+21"), (0, "0"), (-0.0, "-0"),
        (-2.5, "-2.5"), (0.30000000000000004, "0.30000000000000004"), (1.795432903e9, "1.795432903e+09"),
        (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (1e100, "1e+100"),
        (123.456, "123.456"), (999999, "999999"), (12345.678, "12345.678"), (2.0 / 3.0, "0.6666666666666666"),
        (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
    ] as [(Double, String)])
    func formatsLikeGo(value: Double, expected: String) {
        #expect(GoFloat.format(value) == expected)
    }

    @Test(arguments: [
        ("1", 1.0), ("-1.5", -1.5), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("1E-2", 0.01), ("+3", 3.0),
        ("Inf", .infinity), ("+inf", .infinity), ("-Infinity", -.infinity), ("INF", .infinity),
        ("1e-400", 0.0), ("0.1", 0.1), ("123456789012345678901234567890", 1.2345678901234568e29),
        ("1.7976931348623157e308", 1.7976931348623157e308), ("4.9e-324", 5e-324),
    ] as [(String, Double)])
    func parsesLikeGo(text: String, expected: Double) {
        #expect(GoFloat.parse(text) == expected)
    }

    @Test func parsesNaN() throws {
        #expect(try #require(GoFloat.parse("NaN")).isNaN)
        #expect(try #require(GoFloat.parse("nan")).isNaN)
    }

    /// Rejected by Go's ParseFloat or by expfmt's extra `p`/`P`/`_` rule.
    @Test(arguments: ["", "+", "-", ".", "e5", "1e", "1e+", "0x10", "0x1p3", "1_000", "1.2.3", "+nan", "-NaN", "infin",
                      "1e400", "-1e400", "1 ", " 1", "1\r", "one", "Infinityy", "1,5", "--1"])
    func rejectsWhatGoRejects(text: String) {
        #expect(GoFloat.parse(text) == nil)
    }

    /// Shortest round trip: parsing the spelling gives the very same bits back.
    @Test func roundTripsRandomDoubles() async {
        await propertyCheck(count: 2000, input: Gen.int(in: Int.min...Int.max)) { bits in
            let value = Double(bitPattern: UInt64(bitPattern: Int64(bits)))
            guard !value.isNaN else { return }
            let parsed = GoFloat.parse(GoFloat.format(value))
            #expect(parsed?.bitPattern == value.bitPattern, "\(value) spelled \(GoFloat.format(value))")
        }
    }

    @Test func roundTripsDecimalLookingValues() async {
        await propertyCheck(count: 2000, input: Gen.int(in: -1_000_000_000...1_000_000_000), Gen.int(in: -30...30)) { mantissa, exponent in
            let value = Double("\(mantissa)e\(exponent)") ?? 0
            #expect(GoFloat.parse(GoFloat.format(value)) == value)
        }
    }
}
