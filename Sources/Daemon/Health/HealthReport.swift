public import Exposition
import Foundation
public import Model
import Notify
import PromQL

/// Every check's result at one time and the overall status (the worst one; no checks at
/// all is HEALTHY, since nothing is failing).
public struct HealthReport: Sendable, Equatable {
    public var checks: [HealthCheckResult]
    public var timestamp: Timestamp

    public init(checks: [HealthCheckResult], timestamp: Timestamp) {
        self.checks = checks
        self.timestamp = timestamp
    }

    /// The worst status of any check.
    public var status: HealthStatus { checks.map(\.status).min() ?? .healthy }

    /// The seeds' health document: `{"status":…,"checks":{name:{status,message,value}},"timestamp":…}`,
    /// checks in config order, `value` null when there was no data, timestamp RFC 3339 UTC.
    public var json: String {
        var out = "{\"status\":\(APIResponse.quote(status.name)),\"checks\":{"
        out += checks.map { check in
            let value = check.value.map { $0.isFinite ? PromFloat.format($0) : APIResponse.quote(PromFloat.format($0)) } ?? "null"
            return "\(APIResponse.quote(check.name)):{\"status\":\(APIResponse.quote(check.status.name)),"
                + "\"message\":\(APIResponse.quote(check.message)),\"value\":\(value)}"
        }.joined(separator: ",")
        out += "},\"timestamp\":\(APIResponse.quote(Self.rfc3339(timestamp)))}"
        return out
    }

    /// The `check` label value of the overall status series.
    public static let overallCheck = "overall"

    /// `bin_optimization_health_status`: one series per check (`check` label) and the
    /// overall one as `check="overall"` (an empty label would be no label at all, and the
    /// series could then only be told apart as "the one without check"); 0 UNHEALTHY,
    /// 1 DEGRADED, 2 HEALTHY.
    public var family: MetricFamily {
        var samples = [MetricSample(
            name: "bin_optimization_health_status", labels: Labels(["check": Self.overallCheck]), value: Double(status.rawValue))]
        for check in checks {
            samples.append(MetricSample(
                name: "bin_optimization_health_status", labels: Labels(["check": check.name]), value: Double(check.status.rawValue)))
        }
        return MetricFamily(
            name: "bin_optimization_health_status",
            help: "Health check status (0=UNHEALTHY, 1=DEGRADED, 2=HEALTHY); check=\"overall\" is the worst of all checks.",
            type: .gauge, samples: samples)
    }

    /// RFC 3339 in UTC with milliseconds (`2026-12-08T03:16:45.073Z`). Printed from the
    /// calendar arithmetic, not an `ISO8601DateFormatter` made per call: the alerts and rules
    /// APIs print two per alert, and with 10,000 alerts the formatters took over a second.
    static func rfc3339(_ timestamp: Timestamp) -> String { RFC3339.millis(timestamp) }
}
