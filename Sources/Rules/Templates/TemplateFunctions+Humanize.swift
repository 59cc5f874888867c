/// Prometheus's `humanize*` family, as `template/template.go` and
/// `prometheus/common/helpers/templates` define them (all `%.4g` based).
extension TemplateFunctions {
    private static func g4(_ v: Double) -> String { GoFloatFormat.format(v, verb: "g", precision: 4) }

    static func callHumanize(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        switch name {
        case "humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "toDuration":
            try arity(name, args, 1)
            let v = try toFloat(args[0])
            switch name {
            case "humanize": return .string(humanize(v))
            case "humanize1024": return .string(humanize1024(v))
            case "humanizeDuration": return .string(humanizeDuration(v))
            case "humanizePercentage": return .string(g4(v * 100) + "%")
            case "toDuration": return .string(try goDuration(v))
            default:
                if v.isNaN || v.isInfinite { return .string(g4(v)) }
                // model.TimeFromUnixNano(int64(v*1e9)): truncation toward zero, as Go converts.
                return .string(GoTime.string(nanoseconds: try nanoseconds(v)))
            }
        default:
            return nil
        }
    }

    static func humanize(_ value: Double) -> String {
        var v = value
        if v == 0 || v.isNaN || v.isInfinite { return g4(v) }
        if abs(v) >= 1 {
            var prefix = ""
            for p in ["k", "M", "G", "T", "P", "E", "Z", "Y"] {
                if abs(v) < 1000 { break }
                prefix = p
                v /= 1000
            }
            return g4(v) + prefix
        }
        var prefix = ""
        for p in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if abs(v) >= 1 { break }
            prefix = p
            v *= 1000
        }
        return g4(v) + prefix
    }

    static func humanize1024(_ value: Double) -> String {
        var v = value
        if abs(v) <= 1 || v.isNaN || v.isInfinite { return g4(v) }
        var prefix = ""
        for p in ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"] {
            if abs(v) < 1024 { break }
            prefix = p
            v /= 1024
        }
        return g4(v) + prefix
    }

    static func humanizeDuration(_ value: Double) -> String {
        var v = value
        if v.isNaN || v.isInfinite { return g4(v) }
        if v == 0 { return g4(v) + "s" }
        if abs(v) >= 1 {
            var sign = ""
            if v < 0 {
                sign = "-"
                v = -v
            }
            // int64(v) truncates, as Go's conversion does; values beyond Int64 saturate.
            let whole = v >= 9.2e18 ? Int64.max : Int64(v)
            let seconds = whole % 60
            let minutes = (whole / 60) % 60
            let hours = (whole / 60 / 60) % 24
            let days = whole / 60 / 60 / 24
            if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
            if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
            if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
            return sign + g4(v) + "s"
        }
        var prefix = ""
        for p in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if abs(v) >= 1 { break }
            prefix = p
            v *= 1000
        }
        return g4(v) + prefix + "s"
    }

    /// `time.Duration(v * 1e9).String()` for `toDuration` (3.x): `1h2m3.5s`, `1.5µs`, `0s`.
    static func goDuration(_ seconds: Double) throws(TemplateFunctionError) -> String {
        let ns = try nanoseconds(seconds)
        if ns == 0 { return "0s" }
        let negative = ns < 0
        var u = ns.magnitude
        var out: String
        if u < 1_000_000_000 {
            let (unit, scale): (String, UInt64) = u < 1000 ? ("ns", 1) : u < 1_000_000 ? ("µs", 1000) : ("ms", 1_000_000)
            out = fraction(u, scale) + unit
        } else {
            out = fraction(u % 60_000_000_000, 1_000_000_000) + "s"
            u /= 60_000_000_000
            if u > 0 {
                out = "\(u % 60)m" + out
                u /= 60
                if u > 0 { out = "\(u)h" + out }
            }
        }
        return (negative ? "-" : "") + out
    }

    private static func fraction(_ value: UInt64, _ scale: UInt64) -> String {
        let whole = value / scale
        var frac = value % scale
        guard frac != 0 else { return "\(whole)" }
        var digits = ""
        var s = scale
        while s > 1 {
            s /= 10
            digits += "\(frac / s)"
            frac %= s
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
