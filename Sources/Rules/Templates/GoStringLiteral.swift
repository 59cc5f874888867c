import Foundation

/// `strconv.Unquote` for the body of a Go interpreted string or rune literal.
enum GoStringLiteral {
    /// Returns nil where Go reports `invalid syntax`.
    static func unescape(_ body: String, quote: Character) -> String? {
        var out = String.UnicodeScalarView()
        var it = Array(body.unicodeScalars)[...]
        while let c = it.popFirst() {
            if c == "\\" {
                guard let e = it.popFirst() else { return nil }
                switch e {
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "v": out.append("\u{0B}")
                case "\\": out.append("\\")
                case "\"" where quote == "\"", "'" where quote == "'": out.append(e)
                case "x", "u", "U":
                    let width = e == "x" ? 2 : e == "u" ? 4 : 8
                    guard it.count >= width, let v = UInt32(String(String.UnicodeScalarView(it.prefix(width))), radix: 16) else { return nil }
                    it = it.dropFirst(width)
                    guard let scalar = UnicodeScalar(v) else { return nil }
                    out.append(scalar)
                case "0"..."7":
                    guard it.count >= 2, let v = UInt32(String(String.UnicodeScalarView([e] + it.prefix(2))), radix: 8), v < 256,
                        let scalar = UnicodeScalar(v)
                    else { return nil }
                    it = it.dropFirst(2)
                    out.append(scalar)
                default: return nil
                }
            } else {
                if c == "\n" { return nil }
                out.append(c)
            }
        }
        return String(out)
    }
}
