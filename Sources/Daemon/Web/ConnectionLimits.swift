import Exposition
import Model
import Synchronization

/// Counts open connections against `web.max_connections` and what the server refused, for
/// `/metrics` (a hostile client shows up there before it shows up as an outage).
final class ConnectionLimits: Sendable {
    private struct Counts {
        var open = 0
        var accepted = 0
        var refused = 0
        var bodyTooLarge = 0
        var headerTooLarge = 0
        var readTimeouts = 0
    }

    let maxConnections: Int
    private let counts = Mutex(Counts())

    init(maxConnections: Int) { self.maxConnections = maxConnections }

    /// Takes a slot for a new connection; false (and counted) when all are taken.
    func open() -> Bool {
        counts.withLock { counts in
            guard counts.open < maxConnections else {
                counts.refused += 1
                return false
            }
            counts.open += 1
            counts.accepted += 1
            return true
        }
    }

    func close() { counts.withLock { $0.open -= 1 } }

    func countBodyTooLarge() { counts.withLock { $0.bodyTooLarge += 1 } }

    func countHeaderTooLarge() { counts.withLock { $0.headerTooLarge += 1 } }

    func countReadTimeout() { counts.withLock { $0.readTimeouts += 1 } }

    var openNow: Int { counts.withLock { $0.open } }

    /// Connections closed by `web.read_timeout` so far.
    var readTimeoutsNow: Int { counts.withLock { $0.readTimeouts } }

    func families() -> [MetricFamily] {
        let counts = counts.withLock { $0 }
        return [
            SelfMetrics.gauge("binwatch_http_connections_open", "HTTP connections open now.", [(Labels(), Double(counts.open))]),
            SelfMetrics.gauge(
                "binwatch_http_connections_max", "web.max_connections.", [(Labels(), Double(maxConnections))]),
            SelfMetrics.counter(
                "binwatch_http_connections_total", "HTTP connections accepted or refused (web.max_connections reached).",
                [(Labels(["result": "accepted"]), Double(counts.accepted)), (Labels(["result": "refused"]), Double(counts.refused))]),
            SelfMetrics.counter(
                "binwatch_http_request_body_too_large_total", "Requests refused with 413 (query form bodies over 1 MiB).",
                [(Labels(), Double(counts.bodyTooLarge))]),
            SelfMetrics.counter(
                "binwatch_http_request_header_too_large_total", "Requests refused with 431 (headers over 1 MiB, as Go's servers).",
                [(Labels(), Double(counts.headerTooLarge))]),
            SelfMetrics.counter(
                "binwatch_http_read_timeouts_total",
                "Connections closed by web.read_timeout: a request not finished in time, or a keep-alive connection left idle.",
                [(Labels(), Double(counts.readTimeouts))]),
        ]
    }
}
