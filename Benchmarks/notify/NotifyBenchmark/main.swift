// Notify benchmark (run by hand in release mode: Benchmarks/notify/run.sh).
// 1. 10k alerts in 100 groups → dispatcher → libcurl → a local webhook receiver:
//    dispatcher overhead per alert and end-to-end throughput.
// 2. Memory of an in-memory outbox holding 100k pending notifications.
import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting

func rssKiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

/// Figures for run.sh (which pairs them with the Alertmanager anchor): name → value.
var figures: [String: Double] = [:]

let receiver = try LocalReceiver()
let config = try NotifyConfig.parse(
    yaml: """
        route: {receiver: hook, group_by: [alertname], group_wait: 30s, group_interval: 5m}
        receivers: [{name: hook, webhook_configs: [{url: '${HOOK}'}]}]
        """,
    file: "bench.yml", environment: ["HOOK": receiver.url + "/hook"])
let t0 = Timestamp(milliseconds: 1_800_000_000_000)
let clock = ManualClock(start: t0)
let service = NotifyService(
    config: config, externalURL: "http://binwatch", transport: CurlHTTPClient(), outbox: InMemoryOutbox(),
    log: InMemoryNotificationLog(), silences: Silences(), clock: clock)

let alerts = (0..<10_000).map { i in
    Alert(
        labels: Labels(["alertname": "Group\(i % 100)", "bin": "B\(i)", "facility": "plant-1", "severity": "warning"]),
        annotations: Labels(["summary": "bin \(i) over capacity"]), startsAt: t0, generatorURL: "http://binwatch/graph")
}

let clockTime = ContinuousClock()
let receiveTime = await clockTime.measure { await service.dispatcher.receive(alerts, at: t0) }
let flushAt = t0 + PromDuration(seconds: 30)
clock.set(flushAt)
var flushTime = Duration.zero
let endToEnd = await clockTime.measure {
    flushTime = await clockTime.measure { await service.dispatcher.flushDue(at: flushAt) }
    await service.delivery.waitUntilIdle()
}
let delivered = try await receiver.delivered("/hook")
let alertsDelivered = delivered.reduce(0) { total, request in
    let json = try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
    return total + ((json?["alerts"] as? [Any])?.count ?? 0)
}
print("alerts: 10000, groups: 100, notifications delivered: \(delivered.count), alerts in bodies: \(alertsDelivered)")
print(String(format: "dispatcher receive: %.3f s total, %.2f µs/alert", seconds(receiveTime), seconds(receiveTime) / 10_000 * 1e6))
print(String(format: "flush (mute, dedup, payload queueing) of 100 groups: %.3f s, %.2f µs/alert", seconds(flushTime), seconds(flushTime) / 10_000 * 1e6))
print(String(format: "end to end (flush + 100 POSTs to the local receiver): %.3f s, %.0f alerts/s, %.0f notifications/s",
    seconds(endToEnd), 10_000 / seconds(endToEnd), Double(delivered.count) / seconds(endToEnd)))
receiver.stop()

// Where the notify phase goes: building the 100 webhook bodies (100 alerts each) alone.
let webhook = WebhookNotifier(
    config: WebhookConfig(url: Secret("http://127.0.0.1:9/hook")),
    context: IntegrationContext(receiver: "hook", externalURL: "http://binwatch", transport: CurlHTTPClient()))
let byGroup = Dictionary(grouping: alerts) { $0.labels["alertname"] ?? "" }
var bodyBytes = 0
let bodyTime = clockTime.measure {
    for (name, groupAlerts) in byGroup {
        bodyBytes += webhook.body(groupAlerts, group: GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": name]))).utf8.count
    }
}
print(String(format: "building the 100 webhook bodies alone: %.1f ms (%d KiB)", seconds(bodyTime) * 1000, bodyBytes / 1024))
figures["webhook_bodies_ms"] = seconds(bodyTime) * 1000
figures["receive_ms"] = seconds(receiveTime) * 1000
figures["notify_ms"] = seconds(endToEnd) * 1000
figures["work_ms"] = (seconds(receiveTime) + seconds(endToEnd)) * 1000
figures["notifications"] = Double(delivered.count)
figures["alerts_delivered"] = Double(alertsDelivered)

// Dispatcher overhead alone: the same alerts to an in-process recording integration.
let recorder = RecordingNotifier()
let soloClock = ManualClock(start: t0)
let soloIntegrations = ["hook": [Integration(info: IntegrationInfo(name: "webhook", index: 0, sendResolved: true), notifier: recorder)]]
let soloLog = InMemoryNotificationLog()
let soloDelivery = DeliveryQueue(
    outbox: InMemoryOutbox(), log: soloLog, integrations: soloIntegrations, policy: RetryPolicy(), clock: soloClock,
    metrics: NotifyMetrics(), logRetention: config.logRetention)
let solo = Dispatcher(
    route: config.route, integrations: soloIntegrations, inhibitor: nil, muters: [Silences()], log: soloLog,
    delivery: soloDelivery, clock: soloClock)
let soloReceive = await clockTime.measure { await solo.receive(alerts, at: t0) }
let soloFlush = await clockTime.measure {
    await solo.flushDue(at: flushAt)
    await soloDelivery.waitUntilIdle()
}
figures["dispatcher_us_per_alert"] = (seconds(soloReceive) + seconds(soloFlush)) / 10_000 * 1e6
print(String(format: "dispatcher alone (no HTTP): receive %.2f µs/alert, flush+dedup+outbox %.2f µs/alert, %d notifications",
    seconds(soloReceive) / 10_000 * 1e6, seconds(soloFlush) / 10_000 * 1e6, recorder.calls.count))

// Outbox memory at 100k pending notifications (one alert each, distinct slots).
let before = rssKiB()
let outbox = InMemoryOutbox()
for i in 0..<100_000 {
    let alert = Alert(
        labels: Labels(["alertname": "Pending", "bin": "B\(i)", "severity": "warning"]),
        annotations: Labels(["summary": "bin \(i) over capacity"]), startsAt: t0)
    let group = GroupKey(routeKey: "{}", groupLabels: Labels(["bin": "B\(i)"]))
    await outbox.put(OutboundNotification(
        slot: .init(groupKey: group.description, receiver: "hook", integration: "webhook[0]"), group: group,
        alerts: [alert], firing: [alert.fingerprint], resolved: [], createdAt: t0))
}
let after = rssKiB()
print("outbox: \(await outbox.depth) pending, RSS +\((after - before) / 1024) MiB (\((after - before) * 1024 / 100_000) bytes/notification)")
figures["outbox_kib_100k"] = Double(after - before)

if let path = ProcessInfo.processInfo.environment["NOTIFY_BENCH_FIGURES"] {
    let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
    try data.write(to: URL(fileURLWithPath: path))
}
