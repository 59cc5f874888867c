public import Model
import Rules

/// The seeds' three health levels; the raw value is `bin_optimization_health_status`'s.
public enum HealthStatus: Int, Sendable, Comparable, CaseIterable {
    case unhealthy = 0
    case degraded = 1
    case healthy = 2

    /// `HEALTHY`, `DEGRADED`, `UNHEALTHY`, as the health JSON spells them.
    public var name: String {
        switch self {
        case .healthy: "HEALTHY"
        case .degraded: "DEGRADED"
        case .unhealthy: "UNHEALTHY"
        }
    }

    /// The `binwatch health` exit code, as the seeds' health-check.sh: 0 / 1 / 2.
    public var exitCode: Int32 {
        switch self {
        case .healthy: 0
        case .degraded: 1
        case .unhealthy: 2
        }
    }

    public static func < (lhs: HealthStatus, rhs: HealthStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The outcome of one health check at one time.
public struct HealthCheckResult: Sendable, Equatable {
    public var name: String
    public var status: HealthStatus
    public var message: String
    /// The value judged; nil when the expression returned nothing or failed.
    public var value: Double?
}

/// One configured check, judged against its expression's result.
public struct HealthCheck: Sendable {
    public var config: HealthCheckConfig

    public init(_ config: HealthCheckConfig) { self.config = config }

    /// The level of one value: past the unhealthy threshold, else past the degraded one.
    /// NaN is unhealthy (the data cannot be judged).
    public func status(of value: Double) -> HealthStatus {
        if value.isNaN { return .unhealthy }
        func past(_ threshold: Double?) -> Bool {
            guard let threshold else { return false }
            return config.direction == .above ? value > threshold : value < threshold
        }
        if past(config.unhealthy) { return .unhealthy }
        if past(config.degraded) { return .degraded }
        return .healthy
    }

    /// Judges a query result: no samples (or a failed query) is UNHEALTHY with a message that
    /// says the data is missing; with several samples the worst one decides, and its labels
    /// and value fill the message template.
    /// - Parameters:
    ///   - samples: the instant-query result (a scalar is one sample without labels); nil when the query failed.
    ///   - error: why the query failed.
    public func judge(
        _ samples: [(labels: Labels, value: Double)]?, error: String? = nil, externalLabels: [String: String] = [:],
        externalURL: String = ""
    ) -> HealthCheckResult {
        guard let samples else {
            return HealthCheckResult(
                name: config.name, status: .unhealthy,
                message: "no data: the query \(config.exprText) failed: \(error ?? "unknown error")", value: nil)
        }
        guard var worst = samples.first else {
            return HealthCheckResult(
                name: config.name, status: .unhealthy,
                message: "no data: \(config.exprText) returned no samples (the metric is missing or stale)", value: nil)
        }
        var worstStatus = status(of: worst.value)
        for sample in samples.dropFirst() where status(of: sample.value) < worstStatus {
            worst = sample
            worstStatus = status(of: sample.value)
        }
        var labels: [String: String] = [:]
        for label in worst.labels { labels[label.name] = label.value }
        let data = AlertTemplateData(labels: labels, externalLabels: externalLabels, externalURL: externalURL, value: worst.value)
        let message = AlertTemplate.expand(config.message, alert: config.name, data: data)
        return HealthCheckResult(name: config.name, status: worstStatus, message: message, value: worst.value)
    }
}
