/// A value flowing through a template pipeline, mirroring the Go types Prometheus's
/// template data and functions use (Go templates are dynamically typed, so the type
/// travels with the value: `printf "%d"` of a float64 prints `%!d(float64=…)`).
public enum TemplateValue: Sendable, Equatable {
    /// Go's untyped nil (`<no value>` when printed).
    case none
    case bool(Bool)
    /// A Go `int` (number literals without a fraction, `len`).
    case int(Int)
    /// A Go `float64` (`$value`, `humanize` inputs, `value`).
    case float(Double)
    case string(String)
    /// `html/template.HTML`, what `safeHtml` returns; prints as its text.
    case html(String)
    /// `map[string]string`: `$labels`, `$externalLabels`, a sample's `Labels`.
    case labels([String: String])
    /// `map[string]interface{}`: what `args` returns.
    case map([String: TemplateValue])
    /// `*sample` from `query`/`first`.
    case sample(QuerySample)
    /// `queryResult` (`[]*sample`) from `query`/`sortByLabel`.
    case samples([QuerySample])
    /// `*time.Time` from `toTime`, as nanoseconds since the epoch (UTC).
    case time(nanoseconds: Int64)
    /// The alert template data struct (`.Labels`, `.ExternalLabels`, `.ExternalURL`, `.Value`).
    case alertData(AlertTemplateData)
    /// A value of a data model the caller defines (Alertmanager's `template.Data`…).
    case object(AnyTemplateObject)

    /// Go's type name, used in `%!verb(type=value)` and comparison errors.
    public var goTypeName: String {
        switch self {
        case .none: "<nil>"
        case .bool: "bool"
        case .int: "int"
        case .float: "float64"
        case .string: "string"
        case .html: "template.HTML"
        case .labels: "map[string]string"
        case .map: "map[string]interface {}"
        case .sample: "*template.sample"
        case .samples: "template.queryResult"
        case .time: "*time.Time"
        case .alertData:
            "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }"
        case .object(let o): o.base.goTypeName
        }
    }

    /// Go's truth (`if`, `with`, `and`, `or`, `not`): false for zero values and empty containers.
    var isTrue: Bool {
        switch self {
        case .none: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .float(let f): f != 0
        case .string(let s), .html(let s): !s.isEmpty
        case .labels(let m): !m.isEmpty
        case .map(let m): !m.isEmpty
        case .samples(let s): !s.isEmpty
        case .sample, .time, .alertData: true
        case .object(let o): o.base.isTrue
        }
    }
}

/// One sample of a `query` result, as Prometheus hands it to templates:
/// labels as a map (including `__name__`) and the float value.
public struct QuerySample: Sendable, Equatable {
    public var labels: [String: String]
    public var value: Double

    public init(labels: [String: String], value: Double) {
        self.labels = labels
        self.value = value
    }
}

/// The data an alert's label and annotation templates see, as `template.AlertTemplateData` builds it.
public struct AlertTemplateData: Sendable, Equatable {
    /// The series' labels, still including `__name__`.
    public var labels: [String: String]
    public var externalLabels: [String: String]
    public var externalURL: String
    public var value: Double

    public init(labels: [String: String], externalLabels: [String: String] = [:], externalURL: String = "", value: Double) {
        self.labels = labels
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.value = value
    }
}
