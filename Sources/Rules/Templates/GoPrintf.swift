import Foundation
import PromQL

/// Go's `fmt.Sprintf` for the verbs alert templates use: `%v %s %d %f %F %e %E %g %G %q %x %X
/// %t %c %o %b %%`, flags `+ - # 0 space`, width and precision (including `*`), and Go's error
/// notations `%!d(string=x)`, `%!d(MISSING)`, `%!(EXTRA type=value)`.
enum GoPrintf {
    private struct Spec {
        var plus = false, minus = false, sharp = false, zero = false, space = false
        var width: Int?
        var precision: Int?
    }

    static func sprintf(_ format: String, _ args: [TemplateValue]) -> String {
        let chars = Array(format)
        var out = ""
        var argIndex = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "%" else {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            var spec = Spec()
            flags: while i < chars.count {
                switch chars[i] {
                case "+": spec.plus = true
                case "-": spec.minus = true
                case "#": spec.sharp = true
                case "0": spec.zero = true
                case " ": spec.space = true
                default: break flags
                }
                i += 1
            }
            // Go's `parsenum` / `intFromArg`: a width or precision beyond ±1e6 is refused (a
            // written one swallows the rest of the format, as in Go); without the bound a long
            // digit run overflowed Int and trapped (found by FuzzTemplate).
            func tooLarge(_ n: Int) -> Bool { n > 1_000_000 || n < -1_000_000 }
            func number(_ badMark: String) -> Int? {
                if i < chars.count, chars[i] == "*" {
                    i += 1
                    var n: Int?
                    if argIndex < args.count {
                        if case .int(let value) = args[argIndex], !tooLarge(value) { n = value }
                        argIndex += 1
                    }
                    if n == nil { out += badMark }
                    return n
                }
                var n: Int?
                while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII {
                    if let current = n, tooLarge(current) {
                        i = chars.count
                        return nil
                    }
                    n = (n ?? 0) * 10 + d
                    i += 1
                }
                return n
            }
            spec.width = number("%!(BADWIDTH)")
            if let w = spec.width, w < 0 {
                spec.minus = true
                spec.width = -w
            }
            if i < chars.count, chars[i] == "." {
                i += 1
                let star = i < chars.count && chars[i] == "*"
                spec.precision = number("%!(BADPREC)")
                if let p = spec.precision, p < 0, star {
                    spec.precision = nil
                    out += "%!(BADPREC)"
                } else if spec.precision == nil && !star {
                    spec.precision = 0
                }
            }
            guard i < chars.count else {
                out += "%!(NOVERB)"
                break
            }
            let verb = chars[i]
            i += 1
            if verb == "%" {
                out += "%"
                continue
            }
            guard argIndex < args.count else {
                out += "%!\(verb)(MISSING)"
                continue
            }
            out += formatOne(args[argIndex], verb: verb, spec: spec)
            argIndex += 1
        }
        if argIndex < args.count {
            out += "%!(EXTRA " + args[argIndex...].map { "\($0.goTypeName)=\(GoPrint.value($0))" }
                .joined(separator: ", ") + ")"
        }
        return out
    }

    private static func bad(_ verb: Character, _ v: TemplateValue) -> String {
        if case .none = v { return "%!\(verb)(<nil>)" }
        return "%!\(verb)(\(v.goTypeName)=\(GoPrint.value(v)))"
    }

    private static func formatOne(_ v: TemplateValue, verb: Character, spec: Spec) -> String {
        switch v {
        case .float(let f):
            switch verb {
            case "v": return pad(signed(GoFloatFormat.format(f, verb: "g", precision: spec.precision ?? -1), spec), spec, numeric: true)
            case "e", "E", "f", "F", "g", "G":
                let precision = spec.precision ?? ("gG".contains(verb) ? -1 : 6)
                return pad(signed(GoFloatFormat.format(f, verb: verb == "F" ? "f" : verb, precision: precision), spec), spec, numeric: true)
            default: return bad(verb, v)
            }
        case .int(let n):
            switch verb {
            case "v", "d": return pad(signed(withPrecision(String(n.magnitude), spec, negative: n < 0), spec), spec, numeric: true)
            case "x", "X", "o", "b":
                let radix = verb == "o" ? 8 : verb == "b" ? 2 : 16
                var digits = String(n.magnitude, radix: radix, uppercase: verb == "X")
                if spec.sharp && verb != "b" { digits = (verb == "o" ? "0" : verb == "x" ? "0x" : "0X") + digits }
                return pad(signed(withPrecision(digits, spec, negative: n < 0), spec), spec, numeric: true)
            case "c": return pad(UnicodeScalar(UInt32(truncatingIfNeeded: n)).map { String(Character($0)) } ?? "\u{FFFD}", spec, numeric: false)
            case "q": return pad(UnicodeScalar(UInt32(truncatingIfNeeded: n)).map { "'\(Character($0))'" } ?? "'\u{FFFD}'", spec, numeric: false)
            case "e", "E", "f", "F", "g", "G": return bad(verb, v)
            default: return bad(verb, v)
            }
        case .string(let s), .html(let s):
            var text = s
            if let p = spec.precision, verb == "s" || verb == "v" || verb == "q" { text = String(text.prefix(p)) }
            switch verb {
            case "v", "s": return pad(text, spec, numeric: false)
            case "q": return pad(spec.sharp && !text.contains("`") ? "`\(text)`" : goQuote(text), spec, numeric: false)
            case "x", "X":
                let hex = text.utf8.map { byte -> String in
                    let h = String(byte, radix: 16, uppercase: verb == "X")
                    return h.count == 1 ? "0" + h : h
                }
                return pad(hex.joined(separator: spec.space ? " " : ""), spec, numeric: false)
            default: return bad(verb, v)
            }
        case .bool(let b):
            return verb == "t" || verb == "v" ? pad(b ? "true" : "false", spec, numeric: false) : bad(verb, v)
        default:
            return verb == "v" || verb == "s" ? pad(GoPrint.value(v), spec, numeric: false) : bad(verb, v)
        }
    }

    /// Integer precision: minimum digits, zero-padded.
    private static func withPrecision(_ digits: String, _ spec: Spec, negative: Bool) -> String {
        var d = digits
        if let p = spec.precision, d.count < p { d = String(repeating: "0", count: p - d.count) + d }
        if spec.precision == 0 && digits == "0" { d = "" }
        return negative ? "-" + d : d
    }

    private static func signed(_ text: String, _ spec: Spec) -> String {
        if text.hasPrefix("-") || text.hasPrefix("+") {
            // Go prints +Inf with a plus always; a space flag does not replace it.
            return text
        }
        if spec.plus { return "+" + text }
        if spec.space { return " " + text }
        return text
    }

    private static func pad(_ text: String, _ spec: Spec, numeric: Bool) -> String {
        guard let width = spec.width, text.count < width else { return text }
        let fill = width - text.count
        if spec.minus { return text + String(repeating: " ", count: fill) }
        let isSpecial = text.hasSuffix("Inf") || text.hasSuffix("NaN")
        if spec.zero && numeric && !isSpecial {
            // Zero padding goes after the sign.
            if let first = text.first, first == "-" || first == "+" || first == " " {
                return String(first) + String(repeating: "0", count: fill) + text.dropFirst()
            }
            return String(repeating: "0", count: fill) + text
        }
        return String(repeating: " ", count: fill) + text
    }

    /// `strconv.Quote`: Go escapes for control characters and quotes, printable Unicode kept.
    static func goQuote(_ s: String) -> String { GoQuote.quote(s) }
}
