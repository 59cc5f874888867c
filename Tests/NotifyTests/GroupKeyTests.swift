import Model
import Testing

@testable import Notify

@Suite struct GroupKeyTests {
    @Test func formatsAsAlertmanager() throws {
        let root = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "Solo"]))
        #expect(root.description == "{}:{alertname=\"Solo\"}")
        let child = Route(
            id: "0.0", parentKey: "{}", matchers: [try Matcher(.equal, "kind", "slack")], continueMatching: false,
            options: .rootDefaults(receiver: "r"), routes: [])
        #expect(GroupKey(routeKey: child.key, groupLabels: Labels(["alertname": "DiskFull"])).description
            == "{}/{kind=\"slack\"}:{alertname=\"DiskFull\"}")
        let two = GroupKey(routeKey: "{}", groupLabels: Labels(["b": "2", "a": "say \"hi\""]))
        #expect(two.description == "{}:{a=\"say \\\"hi\\\"\", b=\"2\"}")
        #expect(GroupKey(routeKey: "{}/{kind=\"pd\"}", groupLabels: Labels(["alertname": "DBDown"])).hash
            == "95e1fc9d35848783e6b84ad177ecea6deb47b62045ffda8b9fe679bfb44f59f9")
    }

    @Test func routeKeySortsMatchersAndAnchorsLegacyRegex() throws {
        let route = Route(
            id: "0.1", parentKey: "{}",
            matchers: [try Matcher(.regexMatch, "team", "^(?:a|b)$"), try Matcher(.equal, "severity", "critical")],
            continueMatching: false, options: .rootDefaults(receiver: "r"), routes: [])
        #expect(route.key == "{}/{severity=\"critical\",team=~\"^(?:a|b)$\"}")
    }
}
