/// A token of Go's `text/template` action language (`parse/lex.go` item types).
struct TemplateToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case error, bool, char, charConstant, complex, assign, declare, eof, field, identifier
        case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text, variable
        // Keywords.
        case block, breakKeyword, continueKeyword, dot, define, elseKeyword, end, ifKeyword, nilKeyword
        case range, template, with

        var isKeyword: Bool {
            switch self {
            case .block, .breakKeyword, .continueKeyword, .dot, .define, .elseKeyword, .end, .ifKeyword,
                .nilKeyword, .range, .template, .with: true
            default: false
            }
        }
    }

    var kind: Kind
    /// Byte offset of the token in the template text.
    var pos: Int
    var value: String
    /// 1-based line of the token's start.
    var line: Int

    /// How Go's `item.String()` prints a token inside error messages.
    var goDescription: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        default:
            if kind.isKeyword { return "<\(value)>" }
            if value.utf8.count > 10 { return GoPrintf.goQuote(String(decoding: value.utf8.prefix(10), as: UTF8.self)) + "..." }
            return GoPrintf.goQuote(value)
        }
    }
}

/// Splits template text into tokens exactly where Go's lexer does, including trim markers
/// (`{{- ` / ` -}}`), comments and multi-line actions, so parse errors match Go's.
struct TemplateLexer {
    private let input: [UInt8]
    private var pos = 0
    private var start = 0
    private var startLine = 1
    private var line = 1
    private var parenDepth = 0
    private var insideAction = false
    private var pending: [TemplateToken] = []
    private var finished = false

    private static let keywords: [String: TemplateToken.Kind] = [
        ".": .dot, "block": .block, "break": .breakKeyword, "continue": .continueKeyword, "define": .define,
        "else": .elseKeyword, "end": .end, "if": .ifKeyword, "range": .range, "nil": .nilKeyword,
        "template": .template, "with": .with,
    ]

    init(_ text: String) { input = Array(text.utf8) }

    /// The next token; after `eof` or `error`, keeps returning `eof`.
    mutating func next() -> TemplateToken {
        while pending.isEmpty {
            if finished { return TemplateToken(kind: .eof, pos: input.count, value: "", line: line) }
            if insideAction { lexInsideAction() } else { lexText() }
        }
        return pending.removeFirst()
    }

    // MARK: - Helpers

    private func has(_ prefix: String, at offset: Int) -> Bool {
        let bytes = Array(prefix.utf8)
        guard offset >= 0, offset + bytes.count <= input.count else { return false }
        return Array(input[offset..<offset + bytes.count]) == bytes
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
    private static func isAlphaNumeric(_ b: UInt8) -> Bool {
        b == 0x5F || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }

    private func peekByte() -> UInt8? { pos < input.count ? input[pos] : nil }

    private mutating func emit(_ kind: TemplateToken.Kind) {
        let value = String(decoding: input[start..<pos], as: UTF8.self)
        pending.append(TemplateToken(kind: kind, pos: start, value: value, line: startLine))
        line += input[start..<pos].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        start = pos
        startLine = line
    }

    private mutating func emit(_ kind: TemplateToken.Kind, value: String) {
        pending.append(TemplateToken(kind: kind, pos: start, value: value, line: startLine))
        line += input[start..<pos].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        start = pos
        startLine = line
    }

    private mutating func ignore() {
        line += input[start..<pos].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        start = pos
        startLine = line
    }

    private mutating func fail(_ message: String) {
        pending.append(TemplateToken(kind: .error, pos: start, value: message, line: startLine))
        finished = true
    }

    /// `{{- ` : left delimiter followed by a minus and a space.
    private func hasLeftTrim(at offset: Int) -> Bool {
        has("-", at: offset) && offset + 1 < input.count && Self.isSpace(input[offset + 1])
    }

    /// ` -}}` : a space, a minus and the right delimiter.
    private func atRightDelim() -> (delim: Bool, trim: Bool) {
        if has(" -}}", at: pos) || has("\t-}}", at: pos) || has("\r-}}", at: pos) || has("\n-}}", at: pos) {
            return (true, true)
        }
        return (has("}}", at: pos), false)
    }

    // MARK: - States

    private mutating func lexText() {
        var i = pos
        while i < input.count {
            if has("{{", at: i) {
                var textEnd = i
                let trim = hasLeftTrim(at: i + 2)
                if trim {
                    while textEnd > start && Self.isSpace(input[textEnd - 1]) { textEnd -= 1 }
                }
                pos = textEnd
                if pos > start { emit(.text) }
                pos = i
                ignore()
                lexLeftDelim(trim: trim)
                return
            }
            i += 1
        }
        pos = input.count
        if pos > start { emit(.text) }
        emit(.eof)
        finished = true
    }

    private mutating func lexLeftDelim(trim: Bool) {
        pos += 2
        let afterMarker = trim ? 2 : 0
        if has("/*", at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            lexComment()
            return
        }
        emit(.leftDelim)
        pos += afterMarker
        ignore()
        parenDepth = 0
        insideAction = true
    }

    private mutating func lexComment() {
        pos += 2
        var i = pos
        while i < input.count && !has("*/", at: i) { i += 1 }
        guard i < input.count else { return fail("unclosed comment") }
        pos = i + 2
        let (delim, trim) = atRightDelim()
        guard delim else { return fail("comment ends before closing delimiter") }
        pos += trim ? 4 : 2
        if trim { while let b = peekByte(), Self.isSpace(b) { pos += 1 } }
        ignore()
    }

    private mutating func lexRightDelim(trim: Bool) {
        if trim {
            pos += 1  // the space before the minus
            ignore()
            pos += 1  // the minus
            ignore()
        }
        pos += 2
        emit(.rightDelim)
        if trim {
            while let b = peekByte(), Self.isSpace(b) { pos += 1 }
            ignore()
        }
        insideAction = false
    }

    private mutating func lexInsideAction() {
        let (delim, trim) = atRightDelim()
        if delim {
            if parenDepth == 0 { return lexRightDelim(trim: trim) }
            return fail("unclosed left paren")
        }
        guard let b = peekByte() else { return fail("unclosed action") }
        pos += 1
        switch b {
        case _ where Self.isSpace(b):
            pos -= 1
            lexSpace()
        case UInt8(ascii: "="): emit(.assign)
        case UInt8(ascii: ":"):
            guard peekByte() == UInt8(ascii: "=") else { return fail("expected :=") }
            pos += 1
            emit(.declare)
        case UInt8(ascii: "|"): emit(.pipe)
        case UInt8(ascii: "\""): lexQuote()
        case UInt8(ascii: "`"): lexRawQuote()
        case UInt8(ascii: "$"): lexVariable()
        case UInt8(ascii: "'"): lexChar()
        case UInt8(ascii: "."):
            if let next = peekByte(), next < 0x30 || next > 0x39 {
                lexFieldOrVariable(.field)
                return
            }
            if peekByte() == nil {
                lexFieldOrVariable(.field)
                return
            }
            pos -= 1
            lexNumber()
        case UInt8(ascii: "+"), UInt8(ascii: "-"), 0x30...0x39:
            pos -= 1
            lexNumber()
        case _ where Self.isAlphaNumeric(b):
            pos -= 1
            lexIdentifier()
        case UInt8(ascii: "("):
            emit(.leftParen)
            parenDepth += 1
        case UInt8(ascii: ")"):
            emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return fail("unexpected right paren") }
        case 0x20...0x7E: emit(.char)
        default:
            let hex = String(b, radix: 16, uppercase: true)
            fail("unrecognized character in action: U+" + String(repeating: "0", count: 4 - hex.count) + hex)
        }
    }

    private mutating func lexSpace() {
        var count = 0
        while let b = peekByte(), Self.isSpace(b) {
            pos += 1
            count += 1
        }
        // A trim-marked closing delimiter starts with a space: leave that space to it.
        if has("-}}", at: pos) {
            pos -= 1
            if count == 1 { return lexRightDelim(trim: true) }
        }
        emit(.space)
    }

    private func atTerminator() -> Bool {
        guard let b = peekByte() else { return true }
        if Self.isSpace(b) { return true }
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"),
            UInt8(ascii: "("), UInt8(ascii: "}"):
            return true
        default: return false
        }
    }

    private mutating func badCharacter() {
        let rest = String(decoding: input[pos...].prefix(4), as: UTF8.self)
        let scalar = rest.unicodeScalars.first.map { $0 } ?? " "
        let hex = String(scalar.value, radix: 16, uppercase: true)
        fail("bad character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) '\(Character(scalar))'")
    }

    private mutating func lexIdentifier() {
        while let b = peekByte(), Self.isAlphaNumeric(b) { pos += 1 }
        guard atTerminator() else { return badCharacter() }
        let word = String(decoding: input[start..<pos], as: UTF8.self)
        if let keyword = Self.keywords[word], keyword != .dot {
            emit(keyword)
        } else if word == "true" || word == "false" {
            emit(.bool)
        } else {
            emit(.identifier)
        }
    }

    private mutating func lexVariable() {
        if atTerminator() { return emit(.variable) }
        lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ kind: TemplateToken.Kind) {
        if atTerminator() { return emit(kind == .variable ? .variable : .dot) }
        while let b = peekByte(), Self.isAlphaNumeric(b) { pos += 1 }
        guard atTerminator() else { return badCharacter() }
        emit(kind)
    }

    private mutating func lexChar() {
        while true {
            guard let b = peekByte(), b != 0x0A else { return fail("unterminated character constant") }
            pos += 1
            if b == UInt8(ascii: "\\") {
                guard let n = peekByte(), n != 0x0A else { return fail("unterminated character constant") }
                pos += 1
            } else if b == UInt8(ascii: "'") {
                break
            }
        }
        emit(.charConstant)
    }

    private mutating func lexNumber() {
        guard scanNumber() else {
            return fail("bad number syntax: \(GoPrintf.goQuote(String(decoding: input[start..<pos], as: UTF8.self)))")
        }
        if let sign = peekByte(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            guard scanNumber(), input[pos - 1] == UInt8(ascii: "i") else {
                return fail("bad number syntax: \(GoPrintf.goQuote(String(decoding: input[start..<pos], as: UTF8.self)))")
            }
            return emit(.complex)
        }
        emit(.number)
    }

    private mutating func accept(_ valid: String) -> Bool {
        guard let b = peekByte(), valid.utf8.contains(b) else { return false }
        pos += 1
        return true
    }

    private mutating func acceptRun(_ valid: String) {
        while accept(valid) {}
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") { digits = "0123456789abcdefABCDEF_" }
            else if accept("oO") { digits = "01234567_" }
            else if accept("bB") { digits = "01_" }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if let b = peekByte(), Self.isAlphaNumeric(b) {
            pos += 1
            return false
        }
        return true
    }

    private mutating func lexQuote() {
        while true {
            guard let b = peekByte(), b != 0x0A else { return fail("unterminated quoted string") }
            pos += 1
            if b == UInt8(ascii: "\\") {
                guard let n = peekByte(), n != 0x0A else { return fail("unterminated quoted string") }
                pos += 1
            } else if b == UInt8(ascii: "\"") {
                break
            }
        }
        emit(.string)
    }

    private mutating func lexRawQuote() {
        while true {
            guard let b = peekByte() else { return fail("unterminated raw quoted string") }
            pos += 1
            if b == UInt8(ascii: "`") { break }
        }
        emit(.rawString)
    }
}
