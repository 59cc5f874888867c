public import Model

/// An instant vector: at most one sample per label set, all at one time.
public typealias Vector = [Sample]

/// A range vector or a range query's result: series ordered as the engine produced them.
public typealias Matrix = [Series]

/// A scalar result at a time (milliseconds).
public struct Scalar: Sendable, Equatable {
    public var timestamp: Int64
    public var value: Double
    public init(timestamp: Int64, value: Double) {
        self.timestamp = timestamp
        self.value = value
    }
}

/// A string result at a time (milliseconds).
public struct StringValue: Sendable, Equatable {
    public var timestamp: Int64
    public var value: String
    public init(timestamp: Int64, value: String) {
        self.timestamp = timestamp
        self.value = value
    }
}

/// The result of a query, shaped like Prometheus's `parser.Value`.
public enum Value: Sendable, Equatable {
    case vector(Vector)
    case matrix(Matrix)
    case scalar(Scalar)
    case string(StringValue)

    /// Prometheus's name for the result type (`"vector"`, `"matrix"`, `"scalar"`, `"string"`).
    public var typeName: String {
        switch self {
        case .vector: "vector"
        case .matrix: "matrix"
        case .scalar: "scalar"
        case .string: "string"
        }
    }
}

extension Matrix {
    /// Sorts series by labels as Prometheus sorts a range query's result (`labels.Compare`).
    public func sortedByLabels() -> Matrix { sorted { $0.labels < $1.labels } }
}
