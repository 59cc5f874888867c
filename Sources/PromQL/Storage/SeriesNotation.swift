public import Model

/// One step of a series written in promqltest / promtool notation.
public enum SeriesValue: Sendable, Hashable {
    /// A sample value.
    case value(Double)
    /// A staleness marker (`stale`).
    case stale
    /// No sample at this step (`_`).
    case omitted

    public static func == (lhs: SeriesValue, rhs: SeriesValue) -> Bool {
        switch (lhs, rhs) {
        case (.value(let a), .value(let b)): a.bitPattern == b.bitPattern
        case (.stale, .stale), (.omitted, .omitted): true
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .value(let v): hasher.combine(v.bitPattern)
        case .stale: hasher.combine(1)
        case .omitted: hasher.combine(2)
        }
    }
}

/// A series line: `metric{a="b"} 0+10x5 _ stale`.
public struct SeriesDescription: Sendable, Hashable {
    public var labels: Labels
    public var values: [SeriesValue]
}

/// The value notation of Prometheus's `series_item` rule (promqltest `load`, expected
/// results, and promtool `input_series`): `1 2 _ 4`, `_x3` (3 omitted), `1x3` (4 values),
/// `0+10x5`, `1-1x3` (N+1 values by repeated addition), `stale`, `Inf`, `NaN`.
public enum SeriesNotation {
    /// Parses a whole series line (labels and values), as `ParseSeriesDesc`.
    /// - Throws: `ParseErrors` with Prometheus-style positions.
    public static func parseSeries(_ line: String) throws(ParseErrors) -> SeriesDescription {
        var reader = SeriesReader(line: line)
        return try reader.read()
    }

    /// Parses only a value sequence such as `0+10x5 _ stale` (promtool's `values:`).
    /// - Throws: `ParseErrors`.
    public static func parseValues(_ text: String) throws(ParseErrors) -> [SeriesValue] {
        try parseSeries("{__name__=\"x\"} " + text).values
    }
}

struct SeriesReader {
    let line: String
    var parser: ExprParser

    init(line: String) {
        self.line = line
        parser = ExprParser(query: line, options: .standard, seriesDescription: true)
    }

    mutating func fail(_ context: String, _ expected: String) -> ParseErrors {
        _ = parser.unexpected(context, expected: expected)
        return ParseErrors(parser.errors)
    }

    mutating func read() throws(ParseErrors) -> SeriesDescription {
        var pairs: [Label] = []
        let first = parser.current
        switch first.kind {
        case .identifier, .metricIdentifier, .aggregator, .by, .without, .offset, .land, .lor, .lunless, .start, .end,
             .step, .range, .anchored, .smoothed, .maxOf, .minOf, .fill, .fillLeft, .fillRight:
            parser.advance()
            pairs.append(Label(name: LabelName.metricName, value: first.text))
        default: break
        }
        if parser.current.kind == .leftBrace {
            parser.advance()
            while parser.current.kind != .rightBrace {
                let nameToken = parser.current
                guard nameToken.kind == .identifier || nameToken.kind == .string else {
                    throw fail("label set", "identifier or \"}\"")
                }
                parser.advance()
                let name = nameToken.kind == .string ? GoQuote.unquote(nameToken.text) : nameToken.text
                if nameToken.kind == .string && parser.current.kind != .eql {
                    pairs.append(Label(name: LabelName.metricName, value: name))
                } else {
                    guard parser.current.kind == .eql else { throw fail("label set", "\"=\"") }
                    parser.advance()
                    guard parser.current.kind == .string else { throw fail("label set", "string") }
                    pairs.append(Label(name: name, value: GoQuote.unquote(parser.advance().text)))
                }
                if parser.current.kind == .comma { parser.advance(); continue }
                guard parser.current.kind == .rightBrace else { throw fail("label set", "\",\" or \"}\"") }
            }
            parser.advance()
        }
        var values: [SeriesValue] = []
        while parser.current.kind != .eof {
            guard parser.current.kind == .space else { throw fail("series values", "") }
            parser.advance()
            if parser.current.kind == .eof { break }
            values += try readItem()
        }
        if !parser.errors.isEmpty { throw ParseErrors(parser.errors) }
        return SeriesDescription(labels: Labels(pairs), values: values)
    }

    private mutating func readCount() throws(ParseErrors) -> Int {
        let token = parser.current
        guard token.kind == .number else { throw fail("series values", "number") }
        parser.advance()
        guard let count = UInt64(token.text), count <= UInt64(Int.max / 2) else {
            parser.addError(token.positionRange, "invalid repetition in series values: strconv.ParseUint: parsing \(GoQuote.quote(token.text)): invalid syntax")
            throw ParseErrors(parser.errors)
        }
        return Int(count)
    }

    private mutating func readSigned() throws(ParseErrors) -> Double? {
        guard parser.current.kind == .add || parser.current.kind == .sub else { return nil }
        let negative = parser.advance().kind == .sub
        let token = parser.current
        guard token.kind == .number else { throw fail("series values", "number") }
        parser.advance()
        let value = parser.numberLiteral(token).value
        return negative ? -value : value
    }

    private mutating func readItem() throws(ParseErrors) -> [SeriesValue] {
        let token = parser.current
        if token.kind == .blank {
            parser.advance()
            if parser.current.kind == .times {
                parser.advance()
                return Array(repeating: .omitted, count: try readCount())
            }
            return [.omitted]
        }
        var base: SeriesValue
        if token.kind == .identifier {
            guard token.text == "stale" else { throw fail("series values", "number or \"stale\"") }
            parser.advance()
            base = .stale
        } else if let signed = try readSigned() {
            base = .value(signed)
        } else if token.kind == .number {
            parser.advance()
            base = .value(parser.numberLiteral(token).value)
        } else {
            throw fail("series values", "number or \"stale\"")
        }
        if parser.current.kind == .times {
            parser.advance()
            return Array(repeating: base, count: try readCount() + 1)
        }
        if case .value(var value) = base, let increment = try readSigned() {
            guard parser.current.kind == .times else { throw fail("series values", "\"x\"") }
            parser.advance()
            let count = try readCount()
            var out: [SeriesValue] = []
            out.reserveCapacity(count + 1)
            // Repeated addition, so rounding accumulates exactly as in Go.
            for _ in 0...count {
                out.append(.value(value))
                value += increment
            }
            return out
        }
        return [base]
    }
}
