/// PromQL's lexer, a port of the state machine in Prometheus's `promql/parser/lex.go`:
/// the same tokens, the same context rules (inside braces keywords are identifiers,
/// inside brackets only durations and duration arithmetic) and the same error texts.
/// Positions are UTF-8 byte offsets. Lexing stops at the first error token.
struct Lexer {
    enum State { case statements, insideBraces, durationExpr, valueSequence }

    let input: [UInt8]
    var pos = 0
    var start = 0
    var state = State.statements
    var parenDepth = 0
    var braceOpen = false
    var bracketOpen = false
    var gotColon = false
    var gotDuration = false
    var stringOpen: UInt32 = 0
    /// Lexing a series description (`metric{..} 1+2x3 _ stale`): hex is off, `x` ends numbers.
    let seriesDesc: Bool
    private var finished = false

    init(_ text: String, seriesDescription: Bool = false) {
        input = Array(text.utf8)
        seriesDesc = seriesDescription
    }

    static let eofRune: UInt32 = 0xFFFF_FFFF

    /// Every token up to and including EOF or the first error; comments kept.
    static func tokenize(_ text: String, seriesDescription: Bool = false) -> [Token] {
        var lexer = Lexer(text, seriesDescription: seriesDescription)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .eof || token.kind == .error { return tokens }
        }
    }

    // MARK: Runes

    private func decode(at index: Int) -> (rune: UInt32, width: Int) {
        guard index < input.count else { return (Self.eofRune, 0) }
        let b0 = input[index]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let width = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        guard index + width <= input.count else { return (0xFFFD, 1) }
        var value = UInt32(b0) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for offset in 1..<width { value = (value << 6) | (UInt32(input[index + offset]) & 0x3F) }
        return (value, width)
    }

    var lastWidth = 0

    private mutating func nextRune() -> UInt32 {
        let (rune, width) = decode(at: pos)
        lastWidth = width
        pos += width
        return rune
    }

    private mutating func backup() { pos -= lastWidth }

    // Internal spellings for the scanning extension (Lexer+Scanning.swift).
    mutating func nextRuneForScan() -> UInt32 { nextRune() }
    mutating func backupRune() { backup() }
    mutating func acceptRune(_ valid: String) -> Bool { accept(valid) }
    func isNext(_ valid: String) -> Bool { isIn(valid) }
    func peekRune() -> UInt32 { peek() }
    mutating func emitToken(_ kind: TokenKind) -> Token { emit(kind) }
    mutating func failAtStart(_ message: String) -> Token { fail(message) }
    var pendingText: String { pending }

    private func peek() -> UInt32 { decode(at: pos).rune }

    private mutating func accept(_ valid: String) -> Bool {
        let rune = nextRune()
        if rune != Self.eofRune, valid.unicodeScalars.contains(where: { $0.value == rune }) { return true }
        backup()
        return false
    }

    private func isIn(_ valid: String) -> Bool {
        let rune = peek()
        return rune != Self.eofRune && valid.unicodeScalars.contains { $0.value == rune }
    }

    private mutating func acceptRun(_ valid: String) { while accept(valid) {} }

    private var pending: String { String(decoding: input[start..<pos], as: UTF8.self) }

    private mutating func emit(_ kind: TokenKind) -> Token {
        let token = Token(kind: kind, position: start, text: pending)
        start = pos
        return token
    }

    private mutating func fail(_ message: String) -> Token {
        finished = true
        return Token(kind: .error, position: start, text: message)
    }

    static func isSpace(_ r: UInt32) -> Bool { r == 0x20 || r == 0x09 || r == 0x0A || r == 0x0D }
    static func isDigit(_ r: UInt32) -> Bool { r >= 0x30 && r <= 0x39 }
    static func isAlpha(_ r: UInt32) -> Bool { r == 0x5F || (r >= 0x61 && r <= 0x7A) || (r >= 0x41 && r <= 0x5A) }
    static func isAlphaNumeric(_ r: UInt32) -> Bool { isAlpha(r) || isDigit(r) }

    static func runeText(_ r: UInt32) -> String {
        guard let scalar = Unicode.Scalar(r) else { return "'\\ufffd'" }
        return GoQuote.quoteRune(scalar)
    }

    // MARK: States

    /// The next token; EOF forever after the end or an error.
    mutating func next() -> Token {
        if finished { return Token(kind: .eof, position: pos, text: "") }
        while true {
            let token: Token?
            switch state {
            case .statements: token = lexStatements()
            case .insideBraces: token = lexInsideBraces()
            case .durationExpr: token = lexDurationExpr()
            case .valueSequence: token = lexValueSequence()
            }
            if let token {
                if token.kind == .eof { finished = true }
                return token
            }
        }
    }

    private mutating func skipSpaces() {
        while Self.isSpace(peek()) { _ = nextRune() }
        start = pos
    }

    private mutating func lexComment() -> Token {
        pos += 1
        var rune = nextRune()
        while rune != 0x0A && rune != 0x0D && rune != Self.eofRune { rune = nextRune() }
        if rune != Self.eofRune { backup() }
        return emit(.comment)
    }

    private mutating func lexStatements() -> Token? {
        if braceOpen { state = .insideBraces; return nil }
        if pos < input.count && input[pos] == UInt8(ascii: "#") { return lexComment() }
        let r = nextRune()
        switch r {
        case Self.eofRune:
            if parenDepth != 0 { return fail("unclosed left parenthesis") }
            if bracketOpen { return fail("unclosed left bracket") }
            return emit(.eof)
        case 0x2C: return emit(.comma)
        case _ where Self.isSpace(r): skipSpaces(); return nil
        case 0x2A: return emit(.mul)
        case 0x2F: return emit(.div)
        case 0x25: return emit(.mod)
        case 0x2B: return emit(.add)
        case 0x2D: return emit(.sub)
        case 0x5E: return emit(.pow)
        case 0x3D:  // =
            let t = peek()
            if t == 0x3D { _ = nextRune(); return emit(.eqlc) }
            if t == 0x7E { return fail("unexpected character after '=': \(Self.runeText(t))") }
            return emit(.eql)
        case 0x21:  // !
            let t = nextRune()
            if t != 0x3D { return fail("unexpected character after '!': \(Self.runeText(t))") }
            return emit(.neq)
        case 0x3C:  // <
            if peek() == 0x3D { _ = nextRune(); return emit(.lte) }
            if peek() == 0x2F { _ = nextRune(); return emit(.trimUpper) }
            return emit(.lss)
        case 0x3E:  // >
            if peek() == 0x3D { _ = nextRune(); return emit(.gte) }
            if peek() == 0x2F { _ = nextRune(); return emit(.trimLower) }
            return emit(.gtr)
        case _ where Self.isDigit(r) || (r == 0x2E && Self.isDigit(peek())):
            backup()
            return lexNumberOrDuration()
        case 0x22, 0x27:
            stringOpen = r
            return lexString()
        case 0x60:
            stringOpen = r
            return lexRawString()
        case _ where Self.isAlpha(r) || r == 0x3A:
            if !bracketOpen {
                backup()
                return lexKeywordOrIdentifier()
            }
            if r == 0x3A {
                if gotColon { return fail("unexpected colon \(Self.runeText(r))") }
                gotColon = true
                return emit(.colon)
            }
            if let token = scanDurationKeyword() { return token }
            return fail("unexpected character: \(Self.runeText(r)), expected ':'")
        case 0x28:
            parenDepth += 1
            return emit(.leftParen)
        case 0x29:
            let token = emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return fail("unexpected right parenthesis \(Self.runeText(r))") }
            return token
        case 0x7B:
            braceOpen = true
            state = .insideBraces
            return emit(.leftBrace)
        case 0x5B:
            if bracketOpen { return fail("unexpected left bracket \(Self.runeText(r))") }
            gotColon = false
            let token = emit(.leftBracket)
            if Self.isSpace(peek()) { skipSpaces() }
            bracketOpen = true
            state = .durationExpr
            return token
        case 0x5D:
            if !bracketOpen { return fail("unexpected right bracket \(Self.runeText(r))") }
            bracketOpen = false
            return emit(.rightBracket)
        case 0x40: return emit(.at)
        default:
            return fail("unexpected character: \(Self.runeText(r))")
        }
    }

    private mutating func lexInsideBraces() -> Token? {
        if pos < input.count && input[pos] == UInt8(ascii: "#") { return lexComment() }
        let r = nextRune()
        switch r {
        case Self.eofRune: return fail("unexpected end of input inside braces")
        case _ where Self.isSpace(r): skipSpaces(); return nil
        case _ where Self.isAlpha(r):
            while Self.isAlphaNumeric(nextRune()) {}
            backup()
            return emit(.identifier)
        case 0x2C: return emit(.comma)
        case 0x22, 0x27:
            stringOpen = r
            return lexString()
        case 0x60:
            stringOpen = r
            return lexRawString()
        case 0x3D:
            if nextRune() == 0x7E { return emit(.eqlRegex) }
            backup()
            return emit(.eql)
        case 0x21:
            let nr = nextRune()
            if nr == 0x7E { return emit(.neqRegex) }
            if nr == 0x3D { return emit(.neq) }
            return fail("unexpected character after '!' inside braces: \(Self.runeText(nr))")
        case 0x7B: return fail("unexpected left brace \(Self.runeText(r))")
        case 0x7D:
            braceOpen = false
            state = seriesDesc ? .valueSequence : .statements
            return emit(.rightBrace)
        default:
            return fail("unexpected character inside braces: \(Self.runeText(r))")
        }
    }

    private mutating func lexDurationExpr() -> Token? {
        let r = nextRune()
        switch r {
        case Self.eofRune: return fail("unexpected end of input in duration expression")
        case 0x5D:
            bracketOpen = false
            gotColon = false
            state = .statements
            return emit(.rightBracket)
        case 0x3A:
            let token = emit(.colon)
            if !gotDuration { return fail("unexpected colon before duration in duration expression") }
            if gotColon { return fail("unexpected repeated colon in duration expression") }
            gotColon = true
            return token
        case 0x28:
            parenDepth += 1
            return emit(.leftParen)
        case 0x29:
            let token = emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return fail("unexpected right parenthesis \(Self.runeText(r))") }
            return token
        case _ where Self.isSpace(r): skipSpaces(); return nil
        case 0x2B: return emit(.add)
        case 0x2D: return emit(.sub)
        case 0x2A: return emit(.mul)
        case 0x2F: return emit(.div)
        case 0x25: return emit(.mod)
        case 0x5E: return emit(.pow)
        case 0x2C: return emit(.comma)
        case _ where "srmSRM".unicodeScalars.contains { $0.value == r }:
            if let token = scanDurationKeyword() { return token }
            return fail("unexpected character in duration expression: \(Self.runeText(r))")
        case _ where Self.isDigit(r) || (r == 0x2E && Self.isDigit(peek())):
            backup()
            gotDuration = true
            // As lex.go: after a number the lexer is back in the statement state (bracket still open).
            state = .statements
            return lexNumberOrDuration()
        default:
            return fail("unexpected character in duration expression: \(Self.runeText(r))")
        }
    }

    /// `step`, `range`, `max_of`, `min_of` inside brackets (first rune already read).
    private mutating func scanDurationKeyword() -> Token? {
        while Self.isAlpha(nextRune()) {}
        backup()
        switch pending.lowercased() {
        case "step": return emit(.step)
        case "range": return emit(.range)
        case "max_of": return emit(.maxOf)
        case "min_of": return emit(.minOf)
        default: return nil
        }
    }

    private mutating func lexValueSequence() -> Token? {
        let r = nextRune()
        switch r {
        case Self.eofRune:
            state = .statements
            return nil
        case 0x7B where peek() == 0x7B:
            _ = nextRune()
            return fail("native histogram values ({{...}}) are not supported")
        case _ where Self.isSpace(r):
            let token = emit(.space)
            skipSpaces()
            return token
        case 0x2B: return emit(.add)
        case 0x2D: return emit(.sub)
        case 0x78: return emit(.times)
        case 0x5F: return emit(.blank)
        case _ where Self.isDigit(r) || (r == 0x2E && Self.isDigit(peek())):
            backup()
            if !scanNumber() { return fail("bad number syntax: \(GoQuote.quote(pending))") }
            return emit(.number)
        case _ where Self.isAlpha(r):
            backup()
            return lexKeywordOrIdentifier()
        default:
            return fail("unexpected character in series sequence: \(Self.runeText(r))")
        }
    }
}
