public import Model

/// The data Alertmanager's templates see (`template.Data`): what a custom template
/// renders against and what the default templates are computed from.
public struct TemplateData: Sendable, Hashable {
    /// One alert as templates see it (`template.Alert`).
    public struct Alert: Sendable, Hashable {
        /// `firing` or `resolved`.
        public var status: AlertStatus
        /// The alert's labels.
        public var labels: Labels
        /// The alert's annotations.
        public var annotations: Labels
        /// When the alert started.
        public var startsAt: Timestamp
        /// When it ended; nil while firing (Go's zero time).
        public var endsAt: Timestamp?
        /// Link to the producing expression.
        public var generatorURL: String
        /// 16 hex digits of the label fingerprint.
        public var fingerprint: String
        /// A status other than firing/resolved, as a `--template.data` file or amtool's
        /// default data (`alertstatus`) may give: templates print it, and `.Alerts.Firing`
        /// and `.Alerts.Resolved` leave the alert out, as Go compares the string.
        public var otherStatus: String? = nil

        /// The status as templates print it.
        public var statusName: String { otherStatus ?? status.rawValue }
    }

    /// The receiver's name passed through `regexp.QuoteMeta`, as Alertmanager 0.25 does.
    public var receiver: String
    /// `resolved` when every alert is resolved, else `firing`.
    public var status: AlertStatus
    /// A status other than firing/resolved (see `Alert.otherStatus`).
    public var otherStatus: String? = nil
    /// The status as templates print it.
    public var statusName: String { otherStatus ?? status.rawValue }
    /// The alerts, in notification order.
    public var alerts: [Alert]
    /// The group's group_by labels.
    public var groupLabels: Labels
    /// Labels with the same value on every alert.
    public var commonLabels: Labels
    /// Annotations with the same value on every alert.
    public var commonAnnotations: Labels
    /// Alertmanager's (here: binwatch's) external URL, without a trailing slash.
    public var externalURL: String

    /// The firing alerts (`.Alerts.Firing`).
    public var firing: [Alert] { alerts.filter { $0.statusName == AlertStatus.firing.rawValue } }
    /// The resolved alerts (`.Alerts.Resolved`).
    public var resolved: [Alert] { alerts.filter { $0.statusName == AlertStatus.resolved.rawValue } }

    /// Builds the data as `template.Data` does.
    /// - Parameters:
    ///   - receiver: the receiver's configured name (quoted here).
    ///   - groupLabels: the group's labels.
    ///   - alerts: the alerts in notification order.
    ///   - externalURL: the link base for title links.
    ///   - now: the flush time deciding which alerts are resolved.
    public init(receiver: String, groupLabels: Labels, alerts: [Notify.Alert], externalURL: String, now: Timestamp) {
        self.receiver = GoString.quoteMeta(receiver)
        self.groupLabels = groupLabels
        self.externalURL = externalURL
        self.alerts = alerts.map { alert in
            let resolved = alert.isResolved(at: now)
            return Alert(
                status: resolved ? .resolved : .firing, labels: alert.labels, annotations: alert.annotations,
                startsAt: alert.startsAt, endsAt: resolved ? alert.endsAt : nil, generatorURL: alert.generatorURL,
                fingerprint: alert.labels.fingerprintHex)
        }
        status = self.alerts.contains { $0.status == .firing } ? .firing : .resolved
        var common = alerts.first?.labels ?? Labels()
        var commonAnnotations = alerts.first?.annotations ?? Labels()
        for alert in alerts.dropFirst() {
            common = Labels(common.filter { alert.labels[$0.name] == $0.value })
            commonAnnotations = Labels(commonAnnotations.filter { alert.annotations[$0.name] == $0.value })
        }
        commonLabels = common
        self.commonAnnotations = commonAnnotations
    }
}
