public import Model

/// Decides whether an alert with the given labels must not be notified (Alertmanager's
/// `types.Muter`); implemented by `Inhibitor` and `Silences`.
public protocol Muter: Sendable {
    /// Whether `labels` are muted at `now`.
    /// - Parameters:
    ///   - labels: the alert's labels.
    ///   - now: the flush time.
    func mutes(_ labels: Labels, at now: Timestamp) async -> Bool

    /// Which of `labelSets` are muted at `now`: one call per flush instead of one per
    /// alert (an actor hop each). The default asks `mutes(_:at:)` for each.
    func mutes(_ labelSets: [Labels], at now: Timestamp) async -> [Bool]
}

extension Muter {
    /// Asks `mutes(_:at:)` for each label set.
    public func mutes(_ labelSets: [Labels], at now: Timestamp) async -> [Bool] {
        var result: [Bool] = []
        result.reserveCapacity(labelSets.count)
        for labels in labelSets { result.append(await mutes(labels, at: now)) }
        return result
    }
}
