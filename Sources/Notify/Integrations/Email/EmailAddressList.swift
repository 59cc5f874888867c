/// The addresses of a rendered `to` or `from` field, as Go's `mail.ParseAddressList` gives them
/// to Alertmanager's SMTP client: `a@b.c`, `Name <a@b.c>`, `"Last, First" <a@b.c>`, separated
/// by commas. (RFC 5322 comments and groups, which Go also reads, are refused.)
enum EmailAddressList {
    /// Why a list does not parse (Go's `mail:` wording).
    struct ParseError: Error, Sendable, Equatable {
        /// What is wrong, e.g. `missing @ in addr-spec`.
        var message: String
    }

    /// The envelope addresses (`local@domain`) of `text`, in order.
    /// - Throws: `ParseError` for an empty list, an empty entry, a missing `@`, or text after `>`.
    static func parse(_ text: String) throws(ParseError) -> [String] {
        var entries: [String] = []
        var current = ""
        var inQuotes = false, inAngle = false, escaped = false
        for c in text {
            if escaped {
                escaped = false
            } else if c == "\\" && inQuotes {
                escaped = true
            } else if c == "\"" && !inAngle {
                inQuotes.toggle()
            } else if !inQuotes && c == "<" {
                inAngle = true
            } else if !inQuotes && c == ">" {
                inAngle = false
            } else if !inQuotes && !inAngle && c == "," {
                entries.append(current)
                current = ""
                continue
            } else if !inQuotes && (c == "(" || c == ")") {
                throw ParseError(message: "comments in addresses are not supported")
            }
            current.append(c)
        }
        if inQuotes { throw ParseError(message: "unclosed quoted-string") }
        if inAngle { throw ParseError(message: "unclosed angle-addr") }
        entries.append(current)
        if entries.count == 1 && trimmed(entries[0]).isEmpty { throw ParseError(message: "no address") }
        var addresses: [String] = []
        for entry in entries { addresses.append(try address(of: trimmed(entry))) }
        return addresses
    }

    /// One entry's addr-spec: the text in `<…>`, or the whole entry.
    private static func address(of entry: String) throws(ParseError) -> String {
        if entry.isEmpty { throw ParseError(message: "no address") }
        var spec = entry
        if let open = angleOpen(entry) {
            guard let close = entry[open...].firstIndex(of: ">") else { throw ParseError(message: "unclosed angle-addr") }
            guard trimmed(String(entry[entry.index(after: close)...])).isEmpty else {
                throw ParseError(message: "expected single address")
            }
            spec = trimmed(String(entry[entry.index(after: open)..<close]))
        } else if entry.hasSuffix(">") {
            throw ParseError(message: "no angle-addr")
        }
        guard let at = spec.lastIndex(of: "@") else { throw ParseError(message: "missing @ in addr-spec") }
        let local = spec[..<at], domain = spec[spec.index(after: at)...]
        if local.isEmpty { throw ParseError(message: "invalid string") }
        if domain.isEmpty || domain.contains(where: { $0.isWhitespace || $0 == "<" || $0 == "\"" }) {
            throw ParseError(message: "invalid domain")
        }
        if !local.hasPrefix("\"") && local.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) {
            throw ParseError(message: "expected single address")
        }
        return spec
    }

    /// The `<` that opens the angle-addr, outside a quoted display name.
    private static func angleOpen(_ entry: String) -> String.Index? {
        var inQuotes = false, escaped = false
        for index in entry.indices {
            let c = entry[index]
            if escaped { escaped = false } else if c == "\\" && inQuotes { escaped = true } else if c == "\"" {
                inQuotes.toggle()
            } else if c == "<" && !inQuotes {
                return index
            }
        }
        return nil
    }

    private static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let first = sub.first, first.isWhitespace { sub.removeFirst() }
        while let last = sub.last, last.isWhitespace { sub.removeLast() }
        return String(sub)
    }
}
