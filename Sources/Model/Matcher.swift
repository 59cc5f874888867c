public import Foundation

/// A label matcher: `name="v"`, `name!="v"`, `name=~"re"`, `name!~"re"`.
///
/// Regular expressions are fully anchored and `.` matches a newline, as Prometheus's
/// `labels.NewFastRegexMatcher` compiles them (RE2 `^(?s:re)$`).
public struct Matcher: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"
    }

    public let kind: Kind
    public let name: String
    public let value: String
    private let regex: CompiledRegex?

    /// - Throws: `MatcherError` when a regex matcher's pattern does not compile.
    public init(_ kind: Kind, _ name: String, _ value: String) throws(MatcherError) {
        self.kind = kind
        self.name = name
        self.value = value
        switch kind {
        case .equal, .notEqual: regex = nil
        case .regexMatch, .regexNoMatch: regex = try CompiledRegex(value)
        }
    }

    /// Whether a label value (empty when the label is absent) satisfies the matcher.
    public func matches(_ labelValue: String) -> Bool {
        switch kind {
        case .equal: labelValue == value
        case .notEqual: labelValue != value
        case .regexMatch: regex?.matches(labelValue) ?? false
        case .regexNoMatch: !(regex?.matches(labelValue) ?? false)
        }
    }

    /// Whether the matcher accepts a series that lacks the label entirely.
    public var matchesEmpty: Bool { matches("") }

    public var description: String { "\(name)\(kind.rawValue)\"\(Labels.escape(value))\"" }

    public static func == (lhs: Matcher, rhs: Matcher) -> Bool {
        lhs.kind == rhs.kind && lhs.name == rhs.name && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(name)
        hasher.combine(value)
    }
}

/// A matcher's regular expression failed to compile.
public struct MatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    public let message: String
    public var description: String { "invalid regular expression \"\(pattern)\": \(message)" }
}

/// An anchored regular expression; immutable once built, so safe to share.
public struct CompiledRegex: @unchecked Sendable {
    // NSRegularExpression is immutable after init and documented thread-safe.
    private let expression: NSRegularExpression
    /// The pattern as the user wrote it, unanchored.
    public let pattern: String

    /// - Throws: `MatcherError` when the pattern does not compile.
    public init(_ pattern: String) throws(MatcherError) {
        self.pattern = pattern
        do {
            expression = try NSRegularExpression(
                pattern: "\\A(?:\(pattern))\\z", options: [.dotMatchesLineSeparators])
        } catch {
            throw MatcherError(pattern: pattern, message: "\(error.localizedDescription)")
        }
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    /// The capture groups of a whole-string match (index 0 is the whole match),
    /// or nil when `text` does not match. Unmatched optional groups are empty.
    public func captures(in text: String) -> [String]? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, options: [], range: range) else { return nil }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }

    /// Named capture groups of the pattern, in order of appearance.
    public var numberOfCaptureGroups: Int { expression.numberOfCaptureGroups }
}
