import Model
import Notify
import Testing

@Suite struct InhibitorTests {
    static let now = Timestamp(milliseconds: 10_000)

    static func alert(_ labels: [String: String], resolved: Bool = false) -> Alert {
        Alert(labels: Labels(labels), startsAt: Timestamp(milliseconds: 0), endsAt: resolved ? Timestamp(milliseconds: 5000) : nil)
    }

    @Test func equalLabelsMissingOnBothSidesCountAsEqual() async throws {
        let rule = InhibitRule(
            sourceMatchers: [try Matcher(.equal, "severity", "critical")],
            targetMatchers: [try Matcher(.equal, "severity", "warning")], equal: ["zone"])
        let inhibitor = Inhibitor(rules: [rule])
        await inhibitor.update([Self.alert(["alertname": "S", "severity": "critical"])])
        #expect(await inhibitor.mutes(Labels(["alertname": "T", "severity": "warning"]), at: Self.now))
        #expect(!(await inhibitor.mutes(Labels(["alertname": "T", "severity": "warning", "zone": "a"]), at: Self.now)))
        #expect(!(await inhibitor.mutes(Labels(["alertname": "T", "severity": "info"]), at: Self.now)))
    }

    @Test func resolvedSourcesDoNotInhibit() async throws {
        let rule = InhibitRule(
            sourceMatchers: [try Matcher(.equal, "alertname", "S")], targetMatchers: [try Matcher(.equal, "alertname", "T")],
            equal: [])
        let inhibitor = Inhibitor(rules: [rule])
        await inhibitor.update([Self.alert(["alertname": "S"], resolved: true)])
        #expect(!(await inhibitor.mutes(Labels(["alertname": "T"]), at: Self.now)))
    }

    @Test func twoSidedAlertsDoNotInhibitEachOther() async throws {
        // Both alerts match source and target: neither inhibits the other.
        let rule = InhibitRule(
            sourceMatchers: [try Matcher(.regexMatch, "severity", "critical|warning")],
            targetMatchers: [try Matcher(.regexMatch, "severity", "warning|critical")], equal: ["zone"])
        let inhibitor = Inhibitor(rules: [rule])
        let a = Self.alert(["alertname": "A", "severity": "critical", "zone": "z"])
        let b = Self.alert(["alertname": "B", "severity": "warning", "zone": "z"])
        await inhibitor.update([a, b])
        #expect(!(await inhibitor.mutes(a.labels, at: Self.now)))
        #expect(!(await inhibitor.mutes(b.labels, at: Self.now)))
    }
}

@Suite struct SilencesTests {
    @Test func activeWindowAndExpiry() async throws {
        let silences = Silences()
        await silences.upsert(Silence(
            id: "s", matchers: [try Matcher(.regexMatch, "bin", "A.*"), try Matcher(.notEqual, "zone", "x")],
            startsAt: Timestamp(milliseconds: 100), endsAt: Timestamp(milliseconds: 200)))
        let labels = Labels(["bin": "A12"])
        #expect(!(await silences.mutes(labels, at: Timestamp(milliseconds: 99))))
        #expect(await silences.mutes(labels, at: Timestamp(milliseconds: 100)))
        #expect(!(await silences.mutes(Labels(["bin": "A12", "zone": "x"]), at: Timestamp(milliseconds: 150))))
        #expect(!(await silences.mutes(labels, at: Timestamp(milliseconds: 200))))
        #expect(await silences.expire(id: "s", at: Timestamp(milliseconds: 150)))
        #expect(!(await silences.mutes(labels, at: Timestamp(milliseconds: 150))))
        #expect(!(await silences.expire(id: "s", at: Timestamp(milliseconds: 160))))
        await silences.garbageCollect(endedBefore: Timestamp(milliseconds: 1000))
        #expect(await silences.all().isEmpty)
    }
}
