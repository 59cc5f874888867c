/// A template failed to parse or to execute. `description` is Go's error text, e.g.
/// `template: __alert_X:1: unexpected "}" in operand` or
/// `template: __alert_X:1:91: executing "__alert_X" at <first>: error calling first: …`,
/// because promtool prints these verbatim and users search for them.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case parse
        case execution
    }

    public let kind: Kind
    /// The full Go-style message.
    public let message: String

    public var description: String { message }

    static func parse(name: String, line: Int, _ text: String) -> TemplateError {
        TemplateError(kind: .parse, message: "template: \(name):\(line): \(text)")
    }
}
