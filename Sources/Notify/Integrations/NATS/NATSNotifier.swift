import Model
import NATSClient

/// Publishes each notification to a NATS subject as Alertmanager's webhook JSON (version 4),
/// with a `Nats-Msg-Id` header so that a JetStream stream stores a resent notification once.
///
/// One connection per attempt (`NATSExchange`): connect, `CONNECT`, publish, and either
/// `PING`/`PONG` (core NATS: the `PONG` proves the server processed the publish) or, with
/// `jetstream: true`, the stream's acknowledgement on a reply inbox. Anything short of that
/// throws a retryable `NotifyError`, so the outbox keeps the notification and the delivery
/// queue tries again; refused credentials or permissions are not retried.
public struct NATSNotifier: Notifier {
    /// The integration's config.
    public let config: NATSConfig
    private let context: IntegrationContext

    /// Creates a notifier for one `nats_configs` entry.
    public init(config: NATSConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The message body: the webhook body, `max_alerts` applied as there.
    public func body(_ alerts: [Alert], group: GroupKey) -> String {
        WebhookPayload.body(alerts, group: group, maxAlerts: config.maxAlerts, context: context)
    }

    /// The `Nats-Msg-Id` of a notification: the SHA-256 (hex) of the receiver, the subject,
    /// the group key and, per alert in fingerprint order, its fingerprint, `startsAt` and
    /// `endsAt` (or `firing`).
    ///
    /// The same notification resent (a retry after a lost acknowledgement, or the outbox's
    /// resend after a crash) gets the same id, so JetStream keeps one copy; any change of state
    /// (an alert fires, resolves, or fires again with a new `startsAt`) gives a new id. A
    /// repeat of an unchanged state after `repeat_interval` has the same id: JetStream drops
    /// it only when it comes within the stream's `duplicate_window` (2 minutes by default),
    /// so keep that window shorter than `repeat_interval`.
    public func messageID(_ alerts: [Alert], group: GroupKey) -> String {
        var lines = [context.receiver, config.subject, group.description]
        for alert in alerts.sorted(by: { $0.fingerprint < $1.fingerprint }) {
            let ends = alert.endsAt.map { String($0.milliseconds) } ?? "firing"
            lines.append("\(alert.fingerprint) \(alert.startsAt.milliseconds) \(ends)")
        }
        return SHA256.hex(lines.joined(separator: "\n"))
    }

    /// Sends one attempt, bounded by the delivery's deadline (or `timeout` when shorter).
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let payload = Array(body(alerts, group: group).utf8)
        let headers = [NATSHeader(name: "Nats-Msg-Id", value: messageID(alerts, group: group))]
        var timeout = NotificationDeadline.attemptTimeout
        if let bound = config.timeout?.duration { timeout = min(timeout, bound) }
        let options = NATSConnectOptions(user: config.user, password: config.password?.reveal(), token: config.token?.reveal())
        do throws(NATSError) {
            if config.jetStream {
                let answer = try await NATSExchange.request(
                    config.subject, headers: headers, payload: payload, servers: config.servers, options: options,
                    timeout: timeout)
                _ = try JetStreamPubAck.parse(answer)
            } else {
                try await NATSExchange.publish(
                    config.subject, headers: headers, payload: payload, servers: config.servers, options: options,
                    timeout: timeout)
            }
        } catch {
            throw Self.notifyError(error, subject: config.subject)
        }
    }

    /// Maps a client failure onto the delivery's error, keeping its retry decision.
    static func notifyError(_ error: NATSError, subject: String) -> NotifyError {
        let message = "NATS publish to \(subject): \(error.message)"
        switch error.kind {
        case .cancelled: return NotifyError(kind: .cancelled, message: message, isRetryable: false)
        case .invalidRequest: return NotifyError(kind: .request, message: message, isRetryable: false)
        case .authorization, .permission: return NotifyError(kind: .refused, message: message, isRetryable: false)
        case .noResponders: return NotifyError(kind: .status, message: message, statusCode: 503, isRetryable: true)
        default: return NotifyError(kind: .transport, message: "\(error.kind): \(message)", isRetryable: error.isRetryable)
        }
    }
}
