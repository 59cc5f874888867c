/// One problem in a rule file, printed in `model/rulefmt`'s words so that users can move
/// between promtool and binwatch: `file: 7:15: group "g", rule 1, "x": could not parse expression: …`.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem sits in the YAML (0:0 when the field is absent, as Go prints a zero node).
    public struct Position: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// The rule an error belongs to, as rulefmt's `Error{Group, Rule, RuleName}`.
    public struct RuleContext: Sendable, Equatable {
        public var group: String
        /// 1-based index in the group.
        public var index: Int
        public var name: String
    }

    public var file: String
    public var position: Position?
    /// The second position rulefmt prints for `record`/`alert` conflicts.
    public var alternatePosition: Position?
    public var rule: RuleContext?
    /// The message without the file/position/rule prefix.
    public var message: String
    /// A `duplicate-rules` lint finding rather than an error (promtool exits 0 for these).
    public var isLint: Bool

    public init(
        file: String, position: Position? = nil, alternatePosition: Position? = nil, rule: RuleContext? = nil,
        message: String, isLint: Bool = false
    ) {
        self.file = file
        self.position = position
        self.alternatePosition = alternatePosition
        self.rule = rule
        self.message = message
        self.isLint = isLint
    }

    public var description: String {
        if isLint { return "lint error " + message }
        var out = file + ": "
        if let position { out += "\(position.line):\(position.column): " }
        if let alternatePosition { out += "\(alternatePosition.line):\(alternatePosition.column): " }
        if let rule { out += "group \(GoPrintf.goQuote(rule.group)), rule \(rule.index), \(GoPrintf.goQuote(rule.name)): " }
        return out + message
    }
}

/// Every error found in one rule file (rulefmt reports them all, not just the first).
public struct RuleFileErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [RuleFileError]
    public init(_ errors: [RuleFileError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
