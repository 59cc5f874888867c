/// The parts of a URL string that may be shown, and the parts that must not.
///
/// Parsed by hand (scheme `://` authority, then path/query/fragment) because it
/// only has to find the boundaries, and libcurl does the real parsing.
struct RedactedURL: Sendable {
    /// `scheme://host[:port]` with user info removed; `<invalid URL>` when unparsable.
    let origin: String
    /// The lower-cased scheme, or nil.
    let scheme: String?
    /// Substrings that must never appear in messages: user info, path+query+fragment,
    /// the whole URL.
    let secretParts: [String]

    init(_ url: String) {
        guard let schemeEnd = url.firstRange(of: "://") else {
            origin = "<invalid URL>"
            scheme = nil
            secretParts = [url].filter { !$0.isEmpty }
            return
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let tail = String(rest[authorityEnd...])
        var hostPort = Substring(authority)
        var secrets = [url]
        if let at = authority.lastIndex(of: "@") {
            let userInfo = String(authority[..<at])
            if !userInfo.isEmpty { secrets.append(userInfo) }
            hostPort = authority[authority.index(after: at)...]
        }
        // A lone "/" is no secret and removing it would mangle every message.
        if tail.count > 1 { secrets.append(tail) }
        self.scheme = scheme
        self.origin = "\(scheme)://\(hostPort)"
        self.secretParts = secrets.sorted { $0.count > $1.count }
    }

    /// `text` with every secret part replaced by `<redacted>`.
    func scrub(_ text: String) -> String {
        var result = text
        for part in secretParts where result.contains(part) {
            result = result.replacing(part, with: "<redacted>")
        }
        return result
    }
}
