public import Model

/// Timing and grouping a route applies, after inheritance from its parent.
public struct RouteOptions: Sendable, Hashable {
    /// The receiver's name.
    public var receiver: String
    /// Labels to group by (ignored when `groupByAll`).
    public var groupBy: Set<String>
    /// `group_by: ['...']`: every label groups.
    public var groupByAll: Bool
    /// Wait before a new group's first notification.
    public var groupWait: PromDuration
    /// Wait between flushes of a group.
    public var groupInterval: PromDuration
    /// Wait before re-sending an unchanged notification.
    public var repeatInterval: PromDuration
    /// `mute_time_intervals`: names of intervals during which the route sends nothing.
    /// Never inherited: Alertmanager sets both lists from the route's own config.
    public var muteTimeIntervals: [String] = []
    /// `active_time_intervals`: when set, the route sends only inside one of them.
    public var activeTimeIntervals: [String] = []

    /// Alertmanager's root defaults: no grouping, 30s / 5m / 4h.
    public static func rootDefaults(receiver: String) -> RouteOptions {
        RouteOptions(
            receiver: receiver, groupBy: [], groupByAll: false, groupWait: PromDuration(seconds: 30),
            groupInterval: PromDuration(seconds: 300), repeatInterval: PromDuration(seconds: 4 * 3600))
    }
}

/// A node of the routing tree (Alertmanager's `dispatch.Route`).
public struct Route: Sendable {
    /// A unique path of child indexes (`0`, `0.2`, `0.2.1`): groups are kept per route,
    /// and sibling routes with equal matchers share a `key` but not an `id`.
    public var id: String
    /// Alertmanager's route key: the parent's key, `/`, then the sorted matchers.
    public var key: String
    /// All must match for the route (and its subtree) to apply.
    public var matchers: [Matcher]
    /// Whether matching continues with the next sibling after this route matched.
    public var continueMatching: Bool
    /// Resolved options.
    public var options: RouteOptions
    /// Child routes in config order.
    public var routes: [Route]

    /// Creates a node; `key` is computed from the parent key and the matchers.
    public init(
        id: String, parentKey: String?, matchers: [Matcher], continueMatching: Bool, options: RouteOptions,
        routes: [Route]
    ) {
        self.id = id
        let sorted = matchers.sorted(by: Route.matcherOrder)
        self.matchers = sorted
        self.key = (parentKey.map { $0 + "/" } ?? "") + Route.matchersString(sorted)
        self.continueMatching = continueMatching
        self.options = options
        self.routes = routes
    }

    /// The routes an alert with `labels` goes to: depth-first, children in order, a
    /// matching child stops the scan unless it continues; the node itself when no child
    /// matched; nothing when the node's matchers fail (`Route.Match`).
    public func match(_ labels: Labels) -> [Route] {
        guard matchers.allSatisfy({ $0.matches(labels[$0.name] ?? "") }) else { return [] }
        var all: [Route] = []
        for child in routes {
            let found = child.match(labels)
            all += found
            if !found.isEmpty && !child.continueMatching { break }
        }
        return all.isEmpty ? [self] : all
    }

    /// The labels of `labels` this route groups by (`getGroupLabels`).
    public func groupLabels(for labels: Labels) -> Labels {
        options.groupByAll ? labels : labels.keeping(options.groupBy)
    }

    /// Every route in the tree, depth-first.
    public var allRoutes: [Route] { [self] + routes.flatMap(\.allRoutes) }

    /// `labels.Matchers.String()`: `{a="x",b=~"y"}`, values escaped as `openMetricsEscape`
    /// does (`\\`, `\n`, `\"` only; a tab stays a tab, unlike Go's `%q`), so route keys, and
    /// the group keys built on them, are Alertmanager's byte for byte.
    static func matchersString(_ matchers: [Matcher]) -> String {
        "{" + matchers.map { "\($0.name)\($0.kind.rawValue)\"\(Labels.escape($0.value))\"" }.joined(separator: ",") + "}"
    }

    /// By name, then value, then operator, as `labels.Matchers` sorts.
    static func matcherOrder(_ a: Matcher, _ b: Matcher) -> Bool {
        if a.name != b.name { return a.name < b.name }
        if a.value != b.value { return a.value < b.value }
        return a.kind.rawValue < b.kind.rawValue
    }
}
