import Model

/// Go's `fmt.Sprint`, `fmt.Sprintln` and `%v` for the values templates handle.
enum GoPrint {
    /// `fmt.Sprint(v)`: what `{{ v }}` writes (nil prints `<no value>` in templates, handled by the caller).
    static func value(_ v: TemplateValue) -> String {
        valueInner(v, top: true)
    }

    private static func valueInner(_ v: TemplateValue, top: Bool) -> String {
        switch v {
        case .none: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let f): return GoFloatFormat.format(f, verb: "g", precision: -1)
        case .string(let s), .html(let s): return s
        case .labels(let m):
            return "map[" + m.keys.sorted().map { "\($0):\(m[$0] ?? "")" }.joined(separator: " ") + "]"
        case .map(let m):
            return "map[" + m.keys.sorted().map { "\($0):\(valueInner(m[$0] ?? .none, top: false))" }
                .joined(separator: " ") + "]"
        case .sample(let s):
            // Templates dereference a top-level pointer (`{map[…] 1}`); inside containers Go
            // prints an address, which is not reproducible, so we print `&{…}` there instead.
            let body = "{\(valueInner(.labels(s.labels), top: false)) \(valueInner(.float(s.value), top: false))}"
            return top ? body : "&" + body
        case .samples(let list):
            return "[" + list.map { valueInner(.sample($0), top: false) }.joined(separator: " ") + "]"
        case .time(let ns): return GoTime.string(nanoseconds: ns)
        case .object(let o): return o.base.goString
        case .alertData(let d):
            return "{\(valueInner(.labels(d.labels), top: false)) \(valueInner(.labels(d.externalLabels), top: false)) "
                + "\(d.externalURL) \(valueInner(.float(d.value), top: false))}"
        }
    }

    private static func isString(_ v: TemplateValue) -> Bool {
        if case .string = v { return true }
        return false
    }

    /// `fmt.Sprint(args...)`: spaces between operands when neither side is a string.
    static func sprint(_ args: [TemplateValue]) -> String {
        var out = ""
        for (i, arg) in args.enumerated() {
            if i > 0 && !isString(arg) && !isString(args[i - 1]) { out += " " }
            out += value(arg)
        }
        return out
    }

    /// `fmt.Sprintln(args...)`: always spaces, trailing newline.
    static func sprintln(_ args: [TemplateValue]) -> String {
        args.map(value).joined(separator: " ") + "\n"
    }
}

/// Go's `time.Time.String()` for UTC times: `2006-01-02 15:04:05.999999999 +0000 UTC`.
enum GoTime {
    static func string(nanoseconds: Int64) -> String {
        var seconds = nanoseconds / 1_000_000_000
        var nanos = nanoseconds % 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var rem = seconds % 86_400
        if rem < 0 {
            rem += 86_400
            days -= 1
        }
        let (y, m, d) = CivilDate.civil(fromDays: days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v.magnitude)
            return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))"
        if nanos != 0 {
            var frac = pad(nanos, 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + " +0000 UTC"
    }
}
