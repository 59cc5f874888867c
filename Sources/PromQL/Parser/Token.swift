/// The kinds of lexer tokens, as Prometheus's `ItemType`s.
public enum TokenKind: Sendable, Hashable {
    case eof, error, comment
    case identifier, metricIdentifier, string, number, duration
    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, eql, colon, semicolon, blank, times, space
    // Operators (matchers `=~`, `!~` included).
    case add, sub, mul, div, mod, pow, atan2, eqlc, neq, lss, lte, gtr, gte, trimUpper, trimLower
    case eqlRegex, neqRegex, land, lor, lunless, at
    /// An aggregation keyword (`sum`, `topk`, ...).
    case aggregator(AggregationOp)
    // Keywords.
    case bool, by, without, on, ignoring, groupLeft, groupRight, offset, fill, fillLeft, fillRight
    case anchored, smoothed
    // Preprocessors.
    case start, end, step, range, maxOf, minOf

    var isOperator: Bool {
        switch self {
        case .add, .sub, .mul, .div, .mod, .pow, .atan2, .eqlc, .neq, .lss, .lte, .gtr, .gte,
             .trimUpper, .trimLower, .eqlRegex, .neqRegex, .land, .lor, .lunless, .at:
            true
        default: false
        }
    }

    var isKeyword: Bool {
        switch self {
        case .bool, .by, .without, .on, .ignoring, .groupLeft, .groupRight, .offset, .fill, .fillLeft,
             .fillRight, .anchored, .smoothed:
            true
        default: false
        }
    }

    /// Tokens with a fixed spelling (Prometheus's `ItemTypeStr`); errors quote those by value.
    var hasFixedSpelling: Bool {
        switch self {
        case .eof, .error, .comment, .identifier, .metricIdentifier, .string, .number, .duration: false
        default: true
        }
    }

    /// The binary operator this token spells, if any.
    var binaryOp: BinaryOp? {
        switch self {
        case .add: .add
        case .sub: .sub
        case .mul: .mul
        case .div: .div
        case .mod: .mod
        case .pow: .pow
        case .atan2: .atan2
        case .eqlc: .eql
        case .neq: .neq
        case .lss: .lss
        case .lte: .lte
        case .gtr: .gtr
        case .gte: .gte
        case .trimUpper: .trimUpper
        case .trimLower: .trimLower
        case .land: .and
        case .lor: .or
        case .lunless: .unless
        default: nil
        }
    }

    /// Words the lexer turns into keyword tokens (lower-cased lookup); `inf`/`nan` become numbers.
    static let keywords: [String: TokenKind] = {
        var table: [String: TokenKind] = [
            "and": .land, "or": .lor, "unless": .lunless, "atan2": .atan2,
            "offset": .offset, "smoothed": .smoothed, "anchored": .anchored, "by": .by, "without": .without,
            "on": .on, "ignoring": .ignoring, "group_left": .groupLeft, "group_right": .groupRight,
            "fill": .fill, "fill_left": .fillLeft, "fill_right": .fillRight, "bool": .bool,
            "start": .start, "end": .end, "step": .step, "range": .range, "max_of": .maxOf, "min_of": .minOf,
            "inf": .number, "nan": .number,
        ]
        for op in AggregationOp.allCases { table[op.rawValue] = .aggregator(op) }
        return table
    }()
}

/// One lexed token: its kind, byte offset and the exact source text (for errors: the message).
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    /// Byte offset of the first byte.
    public var position: Int
    /// The source text (for `.error`, the error message).
    public var text: String

    var positionRange: PositionRange { PositionRange(start: position, end: position + text.utf8.count) }

    /// How Prometheus's `Item.desc()` names the token in "unexpected ..." messages.
    var errorDescription: String {
        if kind.hasFixedSpelling { return itemString }
        switch kind {
        case .eof: return "end of input"
        case .error: return "error \(text)"
        case .comment: return "comment \(itemString)"
        case .identifier: return "identifier \(itemString)"
        case .metricIdentifier: return "metric identifier \(itemString)"
        case .string: return "string \(itemString)"
        case .number: return "number \(itemString)"
        case .duration: return "duration \(itemString)"
        default: return itemString
        }
    }

    /// Prometheus's `Item.String()`.
    private var itemString: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return text
        case .identifier, .metricIdentifier: return GoQuote.quote(text)
        default: break
        }
        if kind.isKeyword { return "<\(text)>" }
        if kind.isOperator { return "<op:\(text)>" }
        if case .aggregator = kind { return "<aggr:\(text)>" }
        let scalars = Array(text.unicodeScalars)
        if scalars.count > 10 {
            var prefix = String.UnicodeScalarView()
            prefix.append(contentsOf: scalars.prefix(10))
            return GoQuote.quote(String(prefix)) + "..."
        }
        return GoQuote.quote(text)
    }
}
