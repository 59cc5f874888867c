import PromQL
import Rules

/// Go string helpers Alertmanager's output needs: `strconv.Quote` for label values in group
/// keys and matcher values in route keys (`%q`), `url.QueryEscape`, `regexp.QuoteMeta`.
enum GoString {
    /// Go's `strconv.Quote`, as PromQL prints strings (one implementation for the package).
    static func quote(_ text: String) -> String { GoQuote.quote(text) }

    /// Go's `url.QueryEscape`, as the template engine's `urlquery` does it.
    static func queryEscape(_ text: String) -> String { GoURL.queryEscape(text) }

    /// Go's `regexp.QuoteMeta`: a backslash before each of `\.+*?()|[]{}^$`.
    static func quoteMeta(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\.+*?()|[]{}^$".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// `value` in lowercase hex, zero-padded to `width` digits.
    static func hex(_ value: UInt32, width: Int) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
