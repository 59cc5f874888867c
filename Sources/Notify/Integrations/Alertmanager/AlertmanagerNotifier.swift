import Model

public import HTTPClient

/// Forwards alerts to Alertmanagers the way Prometheus's notifier does: every alert to
/// every target, batches of at most 64, any 2xx is success. Not a route receiver:
/// the daemon calls `send` with each evaluation's due alerts (firing ones resent every
/// resend delay with `endsAt` = validity horizon, resolved ones with their `endsAt`).
public struct AlertmanagerNotifier: Sendable {
    /// Where to send.
    public let config: AlertmanagerConfig
    private let transport: any HTTPTransport
    private let policy: RetryPolicy
    /// Prometheus 2.42's batch size.
    public static let batchSize = 64

    /// Creates a forwarder.
    public init(config: AlertmanagerConfig, transport: any HTTPTransport, policy: RetryPolicy = RetryPolicy()) {
        self.config = config
        self.transport = transport
        self.policy = policy
    }

    /// The JSON body for one batch.
    public static func body(_ alerts: [Alert]) -> String { AlertmanagerPayload.body(alerts) }

    /// Sends `alerts` to every target, in batches, concurrently per target.
    /// - Returns: one error per failed (target, batch); empty when all succeeded.
    ///   Failed batches are not retried: the next resend covers them, as in Prometheus.
    public func send(_ alerts: [Alert]) async -> [NotifyError] {
        guard !alerts.isEmpty else { return [] }
        let batches = stride(from: 0, to: alerts.count, by: Self.batchSize).map {
            Array(alerts[$0..<min($0 + Self.batchSize, alerts.count)])
        }
        let poster = JSONPoster(transport: transport, policy: policy, http: HTTPConfig(), timeout: config.timeout)
        return await withTaskGroup(of: [NotifyError].self) { group in
            for url in config.alertsURLs {
                group.addTask {
                    var errors: [NotifyError] = []
                    for batch in batches {
                        do throws(NotifyError) {
                            try await poster.post(Self.body(batch), to: url, userAgent: "binwatch")
                        } catch {
                            errors.append(error)
                        }
                    }
                    return errors
                }
            }
            var all: [NotifyError] = []
            for await errors in group { all += errors }
            return all
        }
    }
}
