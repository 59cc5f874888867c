public import Model

/// The named intervals of a config (`time_intervals` and the deprecated
/// `mute_time_intervals`), and the question the notification pipeline asks of them.
public struct TimeIntervals: Sendable {
    /// Intervals by name.
    public var byName: [String: [TimeIntervalSpec]]

    /// Creates the set.
    public init(_ byName: [String: [TimeIntervalSpec]] = [:]) { self.byName = byName }

    /// Whether `time` is inside any entry of any interval named in `names`
    /// (Alertmanager's `inTimeIntervals`); names are checked against the config at load time.
    public func contains(_ time: Timestamp, anyOf names: [String]) -> Bool {
        names.contains { name in byName[name]?.contains { $0.contains(time) } ?? false }
    }
}
