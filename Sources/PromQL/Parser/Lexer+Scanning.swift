extension Lexer {
    /// A quoted string; the opening quote has been read. Escapes are validated here
    /// (as Go's scanner does) and resolved later by `GoUnquote`.
    mutating func lexString() -> Token {
        while true {
            let r = nextRuneForScan()
            switch r {
            case 0x5C:  // backslash
                if let message = lexEscape() { return failAtStart(message) }
            case 0xFFFD: return failAtStart("invalid UTF-8 rune")
            case Lexer.eofRune, 0x0A: return failAtStart("unterminated quoted string")
            case stringOpen: return emitToken(.string)
            default: continue
            }
        }
    }

    mutating func lexRawString() -> Token {
        while true {
            let r = nextRuneForScan()
            switch r {
            case 0xFFFD: return failAtStart("invalid UTF-8 rune")
            case Lexer.eofRune: return failAtStart("unterminated raw string")
            case stringOpen: return emitToken(.string)
            default: continue
            }
        }
    }

    /// Validates one escape sequence; returns an error message or nil.
    private mutating func lexEscape() -> String? {
        var ch = nextRuneForScan()
        var count = 0
        var base: UInt32 = 0
        var maxValue: UInt32 = 0
        switch ch {
        case 0x61, 0x62, 0x66, 0x6E, 0x72, 0x74, 0x76, 0x5C, stringOpen: return nil
        case 0x30...0x37: (count, base, maxValue) = (3, 8, 255)
        case 0x78: ch = nextRuneForScan(); (count, base, maxValue) = (2, 16, 255)
        case 0x75: ch = nextRuneForScan(); (count, base, maxValue) = (4, 16, 0x10FFFF)
        case 0x55: ch = nextRuneForScan(); (count, base, maxValue) = (8, 16, 0x10FFFF)
        case Lexer.eofRune: return "escape sequence not terminated"
        default: return "unknown escape sequence \(GoQuote.unicodeName(ch))"
        }
        var value: UInt32 = 0
        while count > 0 {
            let digit = GoQuote.digitValue(ch)
            if digit >= base {
                if ch == Lexer.eofRune { return "escape sequence not terminated" }
                return "illegal character \(GoQuote.unicodeName(ch)) in escape sequence"
            }
            value = value &* base &+ digit
            count -= 1
            if count > 0 { ch = nextRuneForScan() }
        }
        if value > maxValue || (0xD800..<0xE000).contains(value) {
            return "escape sequence is an invalid Unicode code point"
        }
        return nil
    }

    mutating func lexNumberOrDuration() -> Token {
        if scanNumber() { return emitToken(.number) }
        if acceptRemainingDuration() {
            backupRune()
            return emitToken(.duration)
        }
        return failAtStart("bad number or duration syntax: \(GoQuote.quote(pendingText))")
    }

    private mutating func acceptRemainingDuration() -> Bool {
        guard acceptRune("smhdwy") else { return false }
        _ = acceptRune("s")
        while acceptRune("0123456789") {
            while acceptRune("0123456789") {}
            guard acceptRune("smhdw") else { return false }
            _ = acceptRune("s")
        }
        return !Lexer.isAlphaNumeric(nextRuneForScan())
    }

    /// Scans decimal, hex, octal and float numbers with `_` separators, following
    /// `Lexer.scanNumber`; the text is validated again when converted.
    mutating func scanNumber() -> Bool {
        let initial = pos
        var digits = "0123456789"
        if !seriesDesc, acceptRune("0") {
            if acceptRune("xX") {
                _ = acceptRune("_")
                digits = "0123456789abcdefABCDEF"
            }
        }
        _ = acceptRune(".")
        _ = acceptRune(digits)
        var dotConsumed = false
        var exponentConsumed = false
        while isNext(digits + "._eE") {
            if isNext("."), dotConsumed { _ = acceptRune("."); return false }
            if isNext("eE"), exponentConsumed { _ = acceptRune("eE"); return false }
            if acceptRune(".") {
                dotConsumed = true
                if acceptRune("_.") { return false }
                if digits.count > 10 { return false }
                continue
            }
            if acceptRune("eE") {
                exponentConsumed = true
                _ = acceptRune("+-")
                if acceptRune("._eE") || peekRune() == Lexer.eofRune { return false }
                continue
            }
            if acceptRune("_") {
                if acceptRune("._eE") || peekRune() == Lexer.eofRune { return false }
                continue
            }
            while acceptRune(digits) {}
        }
        if pos == initial { return false }
        let next = peekRune()
        return (seriesDesc && next == 0x78) || !Lexer.isAlphaNumeric(next)
    }

    mutating func lexKeywordOrIdentifier() -> Token {
        while true {
            let r = nextRuneForScan()
            if Lexer.isAlphaNumeric(r) || r == 0x3A { continue }
            backupRune()
            break
        }
        let word = pendingText
        let token: Token
        if var kind = TokenKind.keywords[word.lowercased()] {
            // fill/fill_left/fill_right are keywords only before "(", so they stay usable as metric names.
            if kind == .fill || kind == .fillLeft || kind == .fillRight, !followedByLeftParen() {
                kind = .identifier
            }
            token = emitToken(kind)
        } else if !word.contains(":") {
            token = emitToken(.identifier)
        } else {
            token = emitToken(.metricIdentifier)
        }
        if seriesDesc && peekRune() != 0x7B { state = .valueSequence }
        return token
    }

    private func followedByLeftParen() -> Bool {
        var index = pos
        while index < input.count {
            let byte = input[index]
            if !Lexer.isSpace(UInt32(byte)) { return byte == UInt8(ascii: "(") }
            index += 1
        }
        return false
    }
}
