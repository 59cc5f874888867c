public import Exposition
import Model
import Notify

/// Something that contributes metric families to the textfile and `/metrics`.
public protocol MetricsContributing: Sendable {
    /// The families as of now.
    func metricFamilies() -> [MetricFamily]
}

extension NotificationPipeline: MetricsContributing {
    /// `binwatch_notifications_total`, `binwatch_notifications_failed_total`,
    /// `binwatch_notification_latency_seconds`, `binwatch_notification_outbox_depth`
    /// (Alertmanager's `alertmanager_notifications_*` under binwatch's prefix) and
    /// `binwatch_notifications_time_muted_total` (Alertmanager 0.25 has no counterpart).
    public func metricFamilies() -> [MetricFamily] {
        let snapshot = service.metrics.snapshot()
        func keyLabels(_ integration: String, _ receiver: String) -> Labels {
            Labels(["integration": integration, "receiver": receiver])
        }
        let total = snapshot.notificationsTotal.sorted { ($0.key.receiver, $0.key.integration) < ($1.key.receiver, $1.key.integration) }
            .map { MetricSample(name: "binwatch_notifications_total", labels: keyLabels($0.key.integration, $0.key.receiver), value: Double($0.value)) }
        let failed = snapshot.failedTotal
            .sorted { ($0.key.receiver, $0.key.integration, $0.key.reason) < ($1.key.receiver, $1.key.integration, $1.key.reason) }
            .map {
                MetricSample(
                    name: "binwatch_notifications_failed_total",
                    labels: keyLabels($0.key.integration, $0.key.receiver).setting("reason", to: $0.key.reason), value: Double($0.value))
            }
        var latency: [MetricSample] = NotifyMetrics.latencyBounds.map { bound in
            MetricSample(
                name: "binwatch_notification_latency_seconds_bucket", labels: Labels(["le": Self.formatBound(bound)]),
                value: Double(snapshot.latencyBuckets[bound] ?? 0))
        }
        latency.append(MetricSample(
            name: "binwatch_notification_latency_seconds_bucket", labels: Labels(["le": "+Inf"]), value: Double(snapshot.latencyCount)))
        latency.append(MetricSample(name: "binwatch_notification_latency_seconds_sum", value: snapshot.latencySum))
        latency.append(MetricSample(name: "binwatch_notification_latency_seconds_count", value: Double(snapshot.latencyCount)))
        // The durable outbox's row count when there is one (it survives restarts); else
        // the delivery queue's own count.
        let depth = database?.outbox.depth() ?? snapshot.outboxDepth
        let timeMuted = snapshot.timeMutedTotal
            .sorted { ($0.key.receiver, $0.key.reason.rawValue) < ($1.key.receiver, $1.key.reason.rawValue) }
            .map {
                MetricSample(
                    name: "binwatch_notifications_time_muted_total",
                    labels: Labels(["receiver": $0.key.receiver, "reason": $0.key.reason.rawValue]), value: Double($0.value))
            }
        var families = [
            MetricFamily(
                name: "binwatch_notifications_total", help: "Notification attempts per integration and receiver.", type: .counter,
                samples: total),
            MetricFamily(
                name: "binwatch_notifications_failed_total", help: "Failed notification attempts, by reason.", type: .counter,
                samples: failed),
            MetricFamily(
                name: "binwatch_notification_latency_seconds", help: "Latency of successful notification requests.",
                type: .histogram, samples: latency),
            MetricFamily(
                name: "binwatch_notification_outbox_depth", help: "Notifications written to the outbox and not yet delivered.",
                type: .gauge, samples: [MetricSample(name: "binwatch_notification_outbox_depth", value: Double(depth))]),
            MetricFamily(
                name: "binwatch_notifications_time_muted_total",
                help: "Group flushes that sent nothing because the route was muted by a time interval.", type: .counter,
                samples: timeMuted),
        ]
        families.removeAll { $0.samples.isEmpty }
        return families
    }

    /// Bucket bounds as Go's `strconv.FormatFloat(b, 'f', -1, 64)` prints them.
    static func formatBound(_ bound: Double) -> String {
        bound == bound.rounded() ? String(Int(bound)) : String(bound)
    }
}
