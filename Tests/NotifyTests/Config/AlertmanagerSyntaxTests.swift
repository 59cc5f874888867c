import Foundation
import Model
import Notify
import Testing
import TestSupport

/// The config syntax against Alertmanager's own checker and the repo's alertmanager.yml.
@Suite struct AlertmanagerSyntaxTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let amtool = "/usr/bin/amtool"

    static func secrets(_ path: String) -> String? { path.hasPrefix("/etc/") ? "s3cr3t-\(path.count)" : nil }

    @Test func repositoryAlertmanagerConfigDecodes() throws {
        let path = Self.repoRoot.appendingPathComponent("monitoring/alertmanager.yml").path
        guard let yaml = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("monitoring/alertmanager.yml is missing at \(path)")
            return
        }
        // Its custom templates parse with the config and render over Alertmanager's data.
        let config = try NotifyConfig.parse(yaml: yaml, file: "alertmanager.yml", readFile: Self.secrets)
        let slack = try #require(config.receiver(named: "slack-wms")?.slack.first)
        let data = TemplateData(
            receiver: "slack-wms", groupLabels: Labels(["alertname": "DiskFull"]), alerts: [Fixtures.diskFull],
            externalURL: "http://am", now: Fixtures.startsAt)
        #expect(try config.templates.render(try #require(slack.text.source), data: data) == "Disk is full\n")
        #expect(config.global.resolveTimeout == PromDuration(seconds: 300))
        #expect(config.route.routes.map(\.key) == ["{}/{severity=\"critical\"}"])
        #expect(config.route.routes[0].continueMatching)
        #expect(config.route.match(Labels(["severity": "critical"])).map(\.options.receiver) == ["pagerduty-wms", "slack-wms"].prefix(1) + [])
        #expect(config.inhibitRules.first?.equal == ["facility"])
        #expect(config.receiver(named: "slack-wms")?.slack.first?.sendResolved == true)
    }

    /// (yaml, accepted): each is also given to amtool when installed; both must agree.
    static let cases: [(String, Bool)] = [
        ("route: {receiver: r}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r, group_by: ['...']}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r}]\nbogus: 1\n", false),
        ("route: {receiver: x}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, group_by: ['...', a]}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, group_interval: 0s}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, routes: [{matchers: ['a=~\"(\"']}]}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, routes: [{matchers: ['team=~\"a|b\"', 'env!=prod'], continue: true}]}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r}, {name: r}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, pagerduty_configs: [{routing_key_file: /etc/pd.key}]}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r, webhook_configs: [{url_file: /etc/hook.url, max_alerts: -1}]}]\n", false),
        ("route: {receiver: r, continue: true}\nreceivers: [{name: r}]\n", false),
    ]

    @Test(arguments: cases)
    func agreesWithAmtool(_ yaml: String, _ accepted: Bool) throws {
        let ours = (try? NotifyConfig.parse(yaml: yaml, file: "am.yml", readFile: Self.secrets)) != nil
        #expect(ours == accepted)
        guard FileManager.default.isExecutableFile(atPath: Self.amtool) else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("amtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // amtool reads *_file paths only at send time; give it real files anyway.
        let file = dir.appendingPathComponent("am.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let amtool = try ChildProcess.run([Self.amtool, "check-config", file.path], timeout: .seconds(120))
        #expect((amtool.status == 0) == accepted, "amtool disagrees on: \(yaml)")
    }
}
