/// The type an expression evaluates to, as Prometheus's `parser.ValueType`.
public enum ValueType: String, Sendable, Hashable, CaseIterable {
    case none
    case vector
    case scalar
    case matrix
    case string

    /// The user-facing name used in error messages (`parser.DocumentedType`):
    /// "instant vector", "range vector", "scalar", "string".
    public var documentedName: String {
        switch self {
        case .vector: "instant vector"
        case .matrix: "range vector"
        default: rawValue
        }
    }
}
