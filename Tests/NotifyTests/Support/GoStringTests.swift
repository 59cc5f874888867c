import Model
import Testing

@testable import Notify

@Suite struct GoStringTests {
    @Test(arguments: [
        ("plain", "\"plain\""), ("a\"b", "\"a\\\"b\""), ("back\\slash", "\"back\\\\slash\""),
        ("line\nbreak\ttab", "\"line\\nbreak\\ttab\""), ("\u{01}", "\"\\x01\""), ("é日本", "\"é日本\""),
    ])
    func quote(_ input: String, _ expected: String) {
        #expect(GoString.quote(input) == expected)
    }

    @Test func queryEscapeAndQuoteMeta() {
        // notifications-spec §1: receiver `team.pager-1` renders as `team\.pager-1` and
        // appears in the link as `receiver=team%5C.pager-1`.
        #expect(GoString.quoteMeta("team.pager-1") == "team\\.pager-1")
        #expect(GoString.queryEscape("team\\.pager-1") == "team%5C.pager-1")
        #expect(GoString.queryEscape("a b&c/d") == "a+b%26c%2Fd")
    }

    @Test(arguments: [
        (Int64(1_795_432_960_000), "2026-11-23T11:22:40Z", "2026-11-23T11:22:40.000Z"),
        (Int64(1_795_432_960_120), "2026-11-23T11:22:40.12Z", "2026-11-23T11:22:40.120Z"),
        (Int64(0), "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"),
        (Int64(951_782_400_001), "2000-02-29T00:00:00.001Z", "2000-02-29T00:00:00.001Z"),
    ])
    func rfc3339(_ ms: Int64, _ nano: String, _ millis: String) {
        #expect(RFC3339.nano(.init(milliseconds: ms)) == nano)
        #expect(RFC3339.millis(.init(milliseconds: ms)) == millis)
    }
}
