/// Why the encoder refused a set of families: which family, and what is wrong with it.
public struct EncodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The family's name.
    public var family: String
    public var message: String

    public init(family: String, message: String) {
        self.family = family
        self.message = message
    }

    /// `metric family "x": message`
    public var description: String { "metric family \"\(family)\": \(message)" }
}
