import Model
import Testing

@Suite struct PromDurationTests {
    @Test(arguments: [
        ("0", 0), ("0s", 0), ("1s", 1000), ("1h30m", 5_400_000), ("90m", 5_400_000),
        ("1y", 31_536_000_000), ("2w", 1_209_600_000), ("1d1h1m1s1ms", 90_061_001), ("500ms", 500),
    ] as [(String, Int64)])
    func parses(text: String, milliseconds: Int64) throws {
        #expect(try PromDuration(parsing: text).milliseconds == milliseconds)
    }

    @Test(arguments: ["", "1", "1.5m", "m", "1m1h", "1s1s", "-1s", "1 m", "1msx", "1x", "99999999999999999999y"])
    func rejects(text: String) {
        #expect(throws: PromDurationError.self) { try PromDuration(parsing: text) }
    }

    @Test(arguments: [
        (0, "0s"), (1000, "1s"), (5_400_000, "1h30m"), (86_400_000 * 14, "2w"), (86_400_000 * 90, "90d"),
        (31_536_000_000, "1y"), (90_061_001, "1d1h1m1s1ms"), (500, "500ms"),
    ] as [(Int64, String)])
    func prints(milliseconds: Int64, text: String) {
        #expect(PromDuration(milliseconds: milliseconds).description == text)
    }
}
