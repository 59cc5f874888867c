@testable import Daemon
import Foundation
import Model
import Notify
import NotifyTesting

/// A daemon config whose `alerting:` sends to local Slack, PagerDuty and webhook receivers
/// (paths /slack, /pagerduty, /hook), with URLs and keys from a file and the environment as
/// production configs give them.
struct NotificationsWorkspace {
    let workspace: Workspace
    let environment: [String: String]

    static let routingKey = "0123456789abcdef0123456789abcdef"

    /// - Parameters:
    ///   - receiver: Slack's and PagerDuty's endpoint.
    ///   - hookURL: the webhook's (may point at a port nobody listens on yet).
    ///   - alertmanagers: `host:port` targets of `alerting.alertmanagers`.
    ///   - extraIntegrations: more integrations of receiver `ops`, as YAML lines indented
    ///     six spaces, each line starting with a newline.
    init(receiver: String, hookURL: String, alertmanagers: [String] = [], extraIntegrations: String = "") throws {
        workspace = try Workspace()
        environment = ["PD_KEY": Self.routingKey, "HOOK_URL": hookURL]
        try FileManager.default.createDirectory(atPath: workspace.path("secrets"), withIntermediateDirectories: true)
        try workspace.write("secrets/slack_url", receiver + "/slack\n")
        try workspace.write("rules/bins.yml", """
            groups:
              - name: bins
                rules:
                  - alert: BinFull
                    expr: bin_util > 90
                    labels: {severity: page}
                    annotations: {summary: 'bin {{ $labels.bin }} at {{ $value }}%'}
            """)
        try setUtilization(95)
        try workspace.write("binwatch.yml", """
            global:
              evaluation_interval: 1m
              external_labels: {site: dc1}
              external_url: http://binwatch.test
            rule_files: [rules/*.yml]
            sources:
              textfile:
                - {name: wms, path: \(workspace.path("data.prom"))}
            output:
              textfile: \(workspace.path("out.prom"))
            state:
              path: \(workspace.path("state.sqlite"))
            alerting:
              route:
                receiver: ops
                group_by: [alertname]
                group_wait: 30s
                group_interval: 1m
                repeat_interval: 4h
              receivers:
                - name: ops
                  slack_configs:
                    - api_url_file: secrets/slack_url
                      channel: '#ops'
                      send_resolved: true
                  pagerduty_configs:
                    - routing_key: ${PD_KEY}
                      url: \(receiver)/pagerduty
                  webhook_configs:
                    - url: ${HOOK_URL}
            """ + extraIntegrations + (alertmanagers.isEmpty ? "" : """

              alertmanagers:
                - static_configs: [{targets: [\(alertmanagers.map { "'\($0)'" }.joined(separator: ", "))]}]
            """))
    }

    func setUtilization(_ value: Double) throws {
        try workspace.write("data.prom", "bin_util{bin=\"A1\"} \(value)\n")
    }

    func load() throws -> LoadedConfig {
        try ConfigLoader(environment: environment).load(path: workspace.path("binwatch.yml"))
    }

    /// A scheduler over the config with its notification pipeline on `clock`, as `binwatch
    /// run` wires them (state opened first).
    func start(clock: NotifyTesting.ManualClock) async throws -> (Scheduler, NotificationPipeline) {
        let scheduler = Scheduler(try load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        await scheduler.openState()
        let policy = RetryPolicy(initialInterval: .milliseconds(10), maxInterval: .seconds(1))
        let pipeline = try requireValue(await scheduler.connectNotifications(clock: clock, policy: policy))
        return (scheduler, pipeline)
    }

    /// One gathering pass and evaluation at `time` (Notify's clock set to it first).
    func cycle(_ scheduler: Scheduler, clock: NotifyTesting.ManualClock, at time: Timestamp) async {
        clock.set(time)
        await scheduler.runOnce(at: time)
    }

    /// Flushes the groups due at `time` and waits for their deliveries.
    func flush(_ pipeline: NotificationPipeline, clock: NotifyTesting.ManualClock, at time: Timestamp) async {
        clock.set(time)
        await pipeline.service.dispatcher.flushDue(at: time)
        await pipeline.service.delivery.waitUntilIdle()
    }

    func remove() { workspace.remove() }
}

struct MissingValue: Error {}

/// `#require` for a value outside a test function.
func requireValue<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}
