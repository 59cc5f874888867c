import HTTPClient
import Model
import Notify

/// The alerts and settings of the captures in notifications-spec.md (Alertmanager 0.25,
/// external URL http://127.0.0.1:19093).
enum Fixtures {
    static let externalURL = "http://127.0.0.1:19093"
    static let startsAt = Timestamp(milliseconds: 1_795_432_960_000)  // 2026-11-23T11:22:40Z

    static let diskFull = Alert(
        labels: Labels(["alertname": "DiskFull", "instance": "db1:9100", "kind": "slack", "severity": "critical"]),
        annotations: Labels(["description": "95% used", "summary": "Disk is full"]), startsAt: startsAt,
        generatorURL: "http://prom:9090/graph?g0.expr=up")

    static func dbDown(_ instance: String) -> Alert {
        Alert(
            labels: Labels(["alertname": "DBDown", "instance": instance, "kind": "pd", "severity": "critical"]),
            annotations: Labels(["summary": "DB down"]), startsAt: startsAt, generatorURL: "http://prom:9090/graph")
    }

    static let slackGroup = GroupKey(routeKey: "{}/{kind=\"slack\"}", groupLabels: Labels(["alertname": "DiskFull"]))
    static let pdGroup = GroupKey(routeKey: "{}/{kind=\"pd\"}", groupLabels: Labels(["alertname": "DBDown"]))

    /// A transport that must never be called (payload tests only build bodies).
    struct NoTransport: HTTPTransport {
        func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
            throw HTTPClientError(kind: .invalidRequest, code: 0, message: "not for sending")
        }
    }

    static func context(_ receiver: String, renderer: (any NotificationTemplateRenderer)? = nil) -> IntegrationContext {
        IntegrationContext(
            receiver: receiver, externalURL: externalURL, transport: NoTransport(),
            renderer: renderer ?? NotificationTemplates.defaults)
    }
}
