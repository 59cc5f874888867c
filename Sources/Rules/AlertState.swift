/// Where an alert is in its life, as Prometheus's `rules.AlertState`.
public enum AlertState: String, Sendable, Hashable, CustomStringConvertible {
    /// Resolved: no longer returned by the expression (kept 15m for resending).
    case inactive
    /// Returned by the expression, waiting out `for`.
    case pending
    /// Returned for at least `for` (or held by `keep_firing_for`).
    case firing

    public var description: String { rawValue }
}
