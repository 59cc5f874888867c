/// Go's `strconv.Quote`, which Prometheus uses to print strings, label values and
/// error details: `\a \b \f \n \r \t \v \\ \"` escaped, other non-printable scalars as
/// `\x`, `\u` or `\U`, printable Unicode kept as is.
public enum GoQuote {
    /// `strconv.Quote(text)`.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\u{FFFD}":
                // Stands for bytes that were not UTF-8 (see `unquote`), which Go prints as `\xNN`
                // escapes: escaped too, so printed text parses back (the lexer refuses a raw U+FFFD).
                out += "\\ufffd"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x80 {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out += "\\U" + hex(scalar.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    /// Go's `strconv.IsPrint` approximated with Unicode general categories: letters,
    /// marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
             .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension GoQuote {
    /// Go's `%q` for a rune: `'x'`, `'\''`, `'\n'`.
    static func quoteRune(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "'": return "'\\''"
        case "\"": return "'\"'"
        default:
            let quoted = quote(String(Character(scalar)))
            return "'" + quoted.dropFirst().dropLast() + "'"
        }
    }

    /// Go's `%#U`: `U+0063 'c'` (without the quoted rune when not printable).
    static func unicodeName(_ rune: UInt32) -> String {
        let digits = String(rune, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        guard let scalar = Unicode.Scalar(rune), isPrintable(scalar) else { return code }
        return "\(code) '\(Character(scalar))'"
    }

    static func digitValue(_ rune: UInt32) -> UInt32 {
        switch rune {
        case 0x30...0x39: rune - 0x30
        case 0x61...0x66: rune - 0x61 + 10
        case 0x41...0x46: rune - 0x41 + 10
        default: 16
        }
    }

    /// Resolves the escapes of a lexed string token (quotes included), as Prometheus's
    /// `strutil.Unquote`. Raw (backquoted) strings are taken literally.
    ///
    /// In Go a `\x` or octal escape is one byte, not a code point, so the result is built as
    /// UTF-8 bytes: `"\xc3\xbf"` is "ÿ", and a byte sequence that is not UTF-8 (`"\xff"`)
    /// decodes to U+FFFD, which label-name validation rejects as Go's `utf8.ValidString` does.
    static func unquote(_ token: String) -> String {
        var scalars = Array(token.unicodeScalars)
        guard let quote = scalars.first, scalars.count >= 2 else { return token }
        scalars = Array(scalars.dropFirst().dropLast())
        if quote == "`" { return String(String.UnicodeScalarView(scalars)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        func append(_ scalar: Unicode.Scalar) { bytes.append(contentsOf: String(scalar).utf8) }
        var index = 0
        func hexValue(_ count: Int, base: UInt32) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<count where index < scalars.count {
                value = value * base + digitValue(scalars[index].value)
                index += 1
            }
            return value
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "\\", index < scalars.count else { append(scalar); continue }
            let escape = scalars[index]
            index += 1
            switch escape {
            case "a": append("\u{07}")
            case "b": append("\u{08}")
            case "f": append("\u{0C}")
            case "n": append("\n")
            case "r": append("\r")
            case "t": append("\t")
            case "v": append("\u{0B}")
            case "0"..."7":
                index -= 1
                bytes.append(UInt8(truncatingIfNeeded: hexValue(3, base: 8)))
            case "x": bytes.append(UInt8(truncatingIfNeeded: hexValue(2, base: 16)))
            case "u": append(Unicode.Scalar(hexValue(4, base: 16)) ?? "\u{FFFD}")
            case "U": append(Unicode.Scalar(hexValue(8, base: 16)) ?? "\u{FFFD}")
            default: append(escape)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
