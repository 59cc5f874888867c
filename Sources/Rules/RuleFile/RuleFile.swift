public import Model

/// A Prometheus rule file (`model/rulefmt`) as decoded, before it becomes runnable rules:
/// every field keeps where it was written so later errors can point at it.
public struct RuleFile: Sendable, Equatable {
    /// The path the file was read from, as the user gave it (the prefix of every message).
    public var path: String
    public var groups: [Group]
    /// Documents after the first that hold something: Prometheus reads only the first
    /// document of a rule file, so their groups are not loaded (the CLI warns about them).
    public var ignoredDocuments: Int

    public init(path: String, groups: [Group], ignoredDocuments: Int = 0) {
        self.path = path
        self.groups = groups
        self.ignoredDocuments = ignoredDocuments
    }

    /// Total number of rules, as `promtool check rules` reports it.
    public var ruleCount: Int { groups.reduce(0) { $0 + $1.rules.count } }

    /// A rule group: rules evaluated in order at one timestamp.
    public struct Group: Sendable, Equatable {
        public var name: String
        /// nil = the global evaluation interval.
        public var interval: PromDuration?
        /// nil = the global `rule_query_offset`.
        public var queryOffset: PromDuration?
        /// 0 = no limit.
        public var limit: Int
        /// Group labels (Prometheus 3.0+), added to every rule, rule labels winning.
        public var labels: [KeyValue]
        public var rules: [Rule]
        /// Position of the group's mapping.
        public var line: Int
        public var column: Int

        public init(
            name: String, interval: PromDuration? = nil, queryOffset: PromDuration? = nil, limit: Int = 0,
            labels: [KeyValue] = [], rules: [Rule] = [], line: Int = 0, column: Int = 0
        ) {
            self.name = name
            self.interval = interval
            self.queryOffset = queryOffset
            self.limit = limit
            self.labels = labels
            self.rules = rules
            self.line = line
            self.column = column
        }
    }

    /// One alerting or recording rule, exactly as written (validation is separate).
    public struct Rule: Sendable, Equatable {
        public var record: Located?
        public var alert: Located?
        public var expr: Located?
        public var forDuration: PromDuration
        public var keepFiringFor: PromDuration
        /// In file order; duplicates are rejected by the decoder.
        public var labels: [KeyValue]
        public var annotations: [KeyValue]

        public init(
            record: Located? = nil, alert: Located? = nil, expr: Located? = nil, forDuration: PromDuration = .zero,
            keepFiringFor: PromDuration = .zero, labels: [KeyValue] = [], annotations: [KeyValue] = []
        ) {
            self.record = record
            self.alert = alert
            self.expr = expr
            self.forDuration = forDuration
            self.keepFiringFor = keepFiringFor
            self.labels = labels
            self.annotations = annotations
        }

        /// The alert or record name (alert first, as rulefmt names rules in errors).
        public var name: String {
            if let alert, !alert.value.isEmpty { return alert.value }
            return record?.value ?? ""
        }

        /// Whether this is an alerting rule (`alert:` set and non-empty).
        public var isAlerting: Bool { !(alert?.value.isEmpty ?? true) }
    }

    /// A string value and the line:column of its YAML node.
    public struct Located: Sendable, Equatable {
        public var value: String
        public var line: Int
        public var column: Int

        public init(_ value: String, line: Int = 0, column: Int = 0) {
            self.value = value
            self.line = line
            self.column = column
        }
    }

    /// A label or annotation as written.
    public struct KeyValue: Sendable, Equatable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }
}
