import Exposition
import Model
import Synchronization

/// How HTTP queries ended, for `/metrics`.
struct QueryCounters: Sendable {
    enum Outcome: Sendable {
        case success, failure, timeout, canceled, tooManySamples
    }

    var success = 0
    var failure = 0
    var timeout = 0
    var canceled = 0
    var tooManySamples = 0
    /// Requests refused before evaluation (bad parameters, over 11,000 points per series).
    var rejected = 0

    mutating func record(_ outcome: Outcome) {
        switch outcome {
        case .success: success += 1
        case .failure: failure += 1
        case .timeout: timeout += 1
        case .canceled: canceled += 1
        case .tooManySamples: tooManySamples += 1
        }
    }

    /// `binwatch_http_queries_total{outcome}` and the engine's gauges, named after
    /// Prometheus's `prometheus_engine_queries` / `prometheus_engine_queries_concurrent_max`.
    func families(running: Int, waiting: Int, maxConcurrency: Int) -> [MetricFamily] {
        let outcomes: [(String, Int)] = [
            ("success", success), ("error", failure), ("timeout", timeout), ("canceled", canceled),
            ("too_many_samples", tooManySamples), ("rejected", rejected),
        ]
        return [
            SelfMetrics.counter(
                "binwatch_http_queries_total", "HTTP API queries by how they ended.",
                outcomes.map { (Labels(["outcome": $0.0]), Double($0.1)) }),
            SelfMetrics.gauge("binwatch_engine_queries", "HTTP API queries being evaluated now.", [(Labels(), Double(running))]),
            SelfMetrics.gauge(
                "binwatch_engine_queries_waiting", "HTTP API queries waiting for a query.max_concurrency slot.",
                [(Labels(), Double(waiting))]),
            SelfMetrics.gauge("binwatch_engine_queries_concurrent_max", "query.max_concurrency.", [(Labels(), Double(maxConcurrency))]),
        ]
    }
}

extension QueryExecutor {
    /// The query families for `/metrics`.
    func metricFamilies() -> [MetricFamily] {
        let load = load
        return counters.withLock { $0 }.families(
            running: load.running, waiting: load.waiting, maxConcurrency: currentLimits.maxConcurrency)
    }

    /// Counts a request refused before evaluation.
    func countRejected() { counters.withLock { $0.rejected += 1 } }
}
