/// A credential (webhook URL, routing key, password) that prints as `<secret>` everywhere:
/// descriptions, debug output, logs, and JSON, as prometheus/common's `config.Secret` does.
/// Only `reveal()` gives the value, and only the code that sends it should call it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, Encodable {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The credential itself, for the one place that must send it.
    public func reveal() -> String { value }

    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("<secret>")
    }
}
