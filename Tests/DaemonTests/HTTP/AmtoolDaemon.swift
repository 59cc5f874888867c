@testable import Daemon
import Exposition
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Logging
import NotifyTesting
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// A daemon wired as `binwatch run` wires it (scheduler on the real clock, notification
/// pipeline, HTTP server on a loopback port the system picks) with one rule, `BinFull`,
/// firing from the start, and a webhook receiver: what `amtool` talks to.
struct AmtoolDaemon {
    let workspace: Workspace
    let scheduler: Scheduler
    let pipeline: NotificationPipeline
    let receiver: LocalReceiver
    let base: String
    let tasks: [Task<Void, Never>]

    /// Debian's amtool 0.25.
    static let amtool = "/usr/bin/amtool"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: amtool) }

    /// The rule and the notification timers: group_wait 0s and group_interval/repeat_interval
    /// 1s, so an unmuted group is notified again every second or two.
    static let alerting = """
        alerting:
          route:
            receiver: hook
            group_by: [alertname]
            group_wait: 0s
            group_interval: 1s
            repeat_interval: 1s
            routes:
              - {matchers: ['severity="page"'], receiver: pager, continue: true}
              - {matchers: ['alertname=~"Bin.*"'], receiver: hook}
          inhibit_rules:
            - {source_matchers: ['alertname="BinFull"'], target_matchers: ['alertname="BinWarm"'], equal: [bin]}
          receivers:
            - name: hook
              webhook_configs: [{url: 'RECEIVER/hook', send_resolved: true}]
            - name: pager
              webhook_configs: [{url: 'RECEIVER/pager'}]
        """

    static let rules = """
        groups:
          - name: bins
            rules:
              - alert: BinFull
                expr: bin_util > 90
                labels: {severity: page}
                annotations: {summary: 'bin {{ $labels.bin }} is full'}
              - alert: BinWarm
                expr: bin_util > 80
        """

    /// Starts it; `web` is extra `web:` keys (a `config_file`); `forwardingTo` an Alertmanager
    /// (`host:port`) the alerts are also sent to.
    static func start(web: String = "", forwardingTo alertmanager: String? = nil) async throws -> AmtoolDaemon {
        let workspace = try Workspace()
        let receiver = try LocalReceiver()
        try workspace.write("rules/bins.yml", rules)
        try workspace.write("data.prom", "bin_util{bin=\"A1\"} 95\n")
        try workspace.writeConfig(
            extra: alerting.replacingOccurrences(of: "RECEIVER", with: receiver.url)
                + (alertmanager.map { "\n  alertmanagers:\n    - static_configs: [{targets: ['\($0)']}]" } ?? "")
                + "\nweb: {listen_address: '127.0.0.1:0'\(web)}\n",
            interval: "1s")
        let loaded = try workspace.load()
        let scheduler = Scheduler(loaded, logger: Logger(label: "test"))
        await scheduler.openState()
        let pipeline = try requireValue(await scheduler.connectNotifications())
        let port = Mutex<Int?>(nil)
        let webConfig = try WebConfigState(path: loaded.config.web.configFile)
        let http = try await HTTPService.make(
            scheduler: scheduler, loader: ConfigLoader(environment: [:]), address: "127.0.0.1:0", logger: Logger(label: "test"),
            webConfig: webConfig, version: "test", onListening: { bound in port.withLock { $0 = bound } })
        let services: [any Service] = [http, pipeline]
        let group = ServiceGroup(services: services, logger: Logger(label: "test"))
        let server = Task { _ = try? await group.run() }
        let loop = Task { await scheduler.run() }
        try await LiveDaemon.waitFor("the HTTP server") { port.withLock { $0 } != nil }
        let bound = try #require(port.withLock { $0 })
        return AmtoolDaemon(
            workspace: workspace, scheduler: scheduler, pipeline: pipeline, receiver: receiver,
            base: "http://127.0.0.1:\(bound)", tasks: [server, loop])
    }

    func stop() {
        for task in tasks { task.cancel() }
        receiver.stop()
        workspace.remove()
    }

    /// Runs amtool against the daemon; `arguments` come after the URL flag.
    func amtool(_ arguments: [String], url: String? = nil) async throws -> ChildProcess.Result {
        try await ChildProcess.run(
            [Self.amtool, "--alertmanager.url=\(url ?? base)"] + arguments, timeout: .seconds(120))
    }

    /// Webhook deliveries to `path` so far.
    func deliveries(_ path: String) async throws -> [LocalReceiver.Request] {
        try await receiver.delivered(path)
    }

    /// Gather cycles the scheduler has completed (its own `binwatch_cycles_total`).
    func cycles() -> Int {
        let family = scheduler.readView.load().metricFamilies.first { $0.name == "binwatch_cycles_total" }
        return Int(family?.samples.first?.value ?? 0)
    }

    /// Waits until the scheduler has completed `count` more cycles: a count of the daemon's
    /// own work, not a time that a loaded machine may not fill.
    func waitCycles(_ count: Int) async throws {
        let target = cycles() + count
        try await LiveDaemon.waitFor("\(count) more cycles") { cycles() >= target }
    }

    /// GET/POST/DELETE with a JSON body; status and body.
    func request(_ path: String, method: HTTPMethodName = .get, json: String? = nil) async throws -> (Int, String) {
        try await Self.request(base + path, method: method, json: json)
    }

    enum HTTPMethodName: String { case get = "GET", post = "POST", delete = "DELETE" }

    static func request(_ url: String, method: HTTPMethodName = .get, json: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method.rawValue
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (status, data) = try await LoopbackHTTP.send(request)
        return (status, String(decoding: data, as: UTF8.self))
    }
}
