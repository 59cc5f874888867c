import Model
import Testing

@Suite struct MatcherTests {
    @Test func regexIsFullyAnchored() throws {
        let matcher = try Matcher(.regexMatch, "job", "api|web")
        #expect(matcher.matches("api"))
        #expect(!matcher.matches("api2"))
        #expect(!matcher.matches("xapi"))
    }

    @Test func dotMatchesNewlineAsInPrometheus() throws {
        #expect(try Matcher(.regexMatch, "x", "a.b").matches("a\nb"))
    }

    @Test func negativeMatchersAndEmptyValues() throws {
        #expect(try Matcher(.notEqual, "x", "a").matches(""))
        #expect(try Matcher(.regexNoMatch, "x", "a.*").matches("b"))
        #expect(try Matcher(.regexMatch, "x", ".*").matchesEmpty)
        #expect(try !Matcher(.regexMatch, "x", ".+").matchesEmpty)
    }

    @Test func badRegexIsATypedError() {
        #expect(throws: MatcherError.self) { try Matcher(.regexMatch, "x", "a(") }
    }

    @Test func capturesGroups() throws {
        let regex = try CompiledRegex("(.*):(\\d+)")
        #expect(regex.captures(in: "host:9090") == ["host:9090", "host", "9090"])
        #expect(regex.captures(in: "nope") == nil)
    }
}
