public import Model

/// Decides whether an alert with the given labels must not be notified (Alertmanager's
/// `types.Muter`); implemented by `Inhibitor` and `Silences`.
public protocol Muter: Sendable {
    /// Whether `labels` are muted at `now`.
    /// - Parameters:
    ///   - labels: the alert's labels.
    ///   - now: the flush time.
    func mutes(_ labels: Labels, at now: Timestamp) async -> Bool
}
