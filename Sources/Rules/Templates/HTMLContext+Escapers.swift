/// Go's `html/template` escaper functions (`html.go`, `url.go`), byte for byte.
extension HTMLContext {
    /// `htmlReplacementTable`: text, RCDATA and quoted attribute values.
    static let htmlTable: [Unicode.Scalar: String] = [
        "\u{0}": "\u{FFFD}", "\"": "&#34;", "&": "&amp;", "'": "&#39;", "+": "&#43;", "<": "&lt;", ">": "&gt;",
    ]
    /// `htmlNormReplacementTable`: the same for trusted HTML, whose entities stay.
    static let htmlNormTable: [Unicode.Scalar: String] = htmlTable.filter { $0.key != "&" }
    /// `htmlNospaceReplacementTable`: unquoted attribute values.
    static let nospaceTable: [Unicode.Scalar: String] = [
        "\u{0}": "&#xfffd;", "\t": "&#9;", "\n": "&#10;", "\u{0B}": "&#11;", "\u{0C}": "&#12;", "\r": "&#13;",
        " ": "&#32;", "\"": "&#34;", "&": "&amp;", "'": "&#39;", "+": "&#43;", "<": "&lt;", "=": "&#61;",
        ">": "&gt;", "`": "&#96;",
    ]
    /// `htmlNospaceNormReplacementTable`.
    static let nospaceNormTable: [Unicode.Scalar: String] = nospaceTable.filter { $0.key != "&" }

    /// Go's `htmlReplacer` with `badRunes` true (the quoted contexts).
    static func replace(_ s: String, _ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if let replacement = table[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// `htmlNospaceEscaper`: the non-characters U+FDD0–U+FDEF and U+FFF0–U+FFFF are written
    /// as references too (`badRunes` false).
    static func nospace(_ s: String, isHTML: Bool) -> String {
        let table = isHTML ? nospaceNormTable : nospaceTable
        var out = ""
        for scalar in (isHTML ? stripTags(s) : s).unicodeScalars {
            if let replacement = table[scalar] {
                out += replacement
            } else if (0xFDD0...0xFDEF).contains(scalar.value) || (0xFFF0...0xFFFF).contains(scalar.value) {
                out += "&#x" + String(scalar.value, radix: 16) + ";"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `urlFilter`: a URL whose scheme is not http, https or mailto becomes `#ZgotmplZ`.
    static func urlFilter(_ s: String) -> String {
        guard let colon = s.firstIndex(of: ":") else { return s }
        let scheme = s[..<colon]
        if scheme.contains("/") { return s }
        return ["http", "https", "mailto"].contains(scheme.lowercased()) ? s : "#ZgotmplZ"
    }

    /// `urlProcessor`: percent-encodes (lower-case hex) every byte outside RFC 3986's
    /// unreserved set; `normalize` (`urlNormalizer`) keeps reserved characters and valid escapes.
    static func urlProcess(_ s: String, normalize: Bool) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let hex = Array("0123456789abcdef".utf8)
        func isHex(_ b: UInt8) -> Bool {
            let digit: Bool = b >= 0x30 && b <= 0x39
            let lower: Bool = b >= 0x61 && b <= 0x66
            let upper: Bool = b >= 0x41 && b <= 0x46
            return digit || lower || upper
        }
        for (i, b) in bytes.enumerated() {
            let keep: Bool
            switch b {
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "*"),
                 UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"),
                 UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "]"):
                keep = normalize
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                keep = true
            case UInt8(ascii: "%"):
                keep = normalize && i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
            default:
                let letter: Bool = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
                keep = letter || (b >= 0x30 && b <= 0x39)
            }
            if keep {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Trusted HTML put into an attribute: its tags removed (Go's `stripTags`, for the
    /// plain text case: tags and comments dropped, text kept).
    static func stripTags(_ s: String) -> String {
        var out = ""
        var inTag = false
        for c in s {
            if inTag {
                if c == ">" { inTag = false }
            } else if c == "<" {
                inTag = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
