import Foundation

/// `net/url` pieces templates use: `QueryEscape` and the path of a URL.
public enum GoURL {
    /// `url.QueryEscape`: unreserved bytes kept, space as `+`, the rest `%XX` (upper case).
    public static func queryEscape(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: " "): out += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// The path component of an absolute URL (`http://host:9090/prom` → `/prom`).
    static func path(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url.hasPrefix("/") ? url : "" }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        let path = rest[slash...]
        return String(path.prefix { $0 != "?" && $0 != "#" })
    }
}

/// `html/template`'s and `text/template`'s escapers for the `html` and `js` builtins.
enum GoEscape {
    static func html(_ s: String) -> String { escapeHTML(s, plus: false) }

    /// `html/template`'s `htmlEscaper` (its `htmlReplacementTable`): the `html` builtin's
    /// set plus `+` as `&#43;`.
    static func htmlTemplate(_ s: String) -> String { escapeHTML(s, plus: true) }

    private static func escapeHTML(_ s: String, plus: Bool) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "'": out += "&#39;"
            case "\"": out += "&#34;"
            case "+" where plus: out += "&#43;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func js(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if ch.value < 0x20 {
                    let hex = String(ch.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out
    }
}
