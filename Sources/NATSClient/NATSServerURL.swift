/// One NATS server to connect to: `nats://host[:port]` (port 4222 by default).
///
/// Credentials written into the URL (`nats://user:pass@host`, `nats://token@host`, which
/// nats.go accepts) are refused, so that a URL is never a secret and may appear in messages;
/// they belong in the connect options. `tls://` is refused too: the client speaks plain TCP.
public struct NATSServerURL: Sendable, Hashable, CustomStringConvertible {
    /// The host name or IP address (an IPv6 address without brackets).
    public let host: String
    /// The TCP port.
    public let port: Int

    /// NATS's client port.
    public static let defaultPort = 4222

    /// A server at `host:port`.
    public init(host: String, port: Int = defaultPort) {
        self.host = host
        self.port = port
    }

    /// Parses `nats://host[:port]`.
    /// - Throws: `NATSError.invalidRequest` saying what is wrong; the text is quoted only
    ///   when it holds no `@` (no credentials).
    public init(parsing text: String) throws(NATSError) {
        func invalid(_ why: String) -> NATSError { NATSError(kind: .invalidRequest, message: why) }
        if text.contains("@") {
            throw invalid("credentials in the URL (give them as user/password or token)")
        }
        let lower = text.lowercased()
        if lower.hasPrefix("tls://") || lower.hasPrefix("wss://") || lower.hasPrefix("ws://") {
            throw invalid("\"\(text)\": only nats:// (plain TCP) is supported")
        }
        guard lower.hasPrefix("nats://") else { throw invalid("\"\(text)\", which does not start with nats://") }
        var rest = Substring(text.dropFirst("nats://".count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.contains("/") || rest.contains("?") || rest.contains("#") {
            throw invalid("\"\(text)\", which has a path or query (a NATS URL is nats://host[:port])")
        }
        let host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("\"\(text)\", an IPv6 address without its ]") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("\"\(text)\": expected :port after the address") }
                portText = after.dropFirst()
            }
        } else {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw invalid("\"\(text)\": an IPv6 address must be written in [brackets]") }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
        }
        guard !host.isEmpty else { throw invalid("\"\(text)\", which names no host") }
        let allowed = host.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", ":": return true
            default: return false
            }
        }
        guard allowed else { throw invalid("\"\(text)\": the host holds characters a host name cannot") }
        var port = Self.defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw invalid("\"\(text)\": the port must be a number from 1 to 65535")
            }
            port = value
        }
        self.init(host: String(host), port: port)
    }

    /// Parses a comma-separated list, as nats.go's `Connect` and the `nats` CLI take several
    /// servers in one string.
    /// - Throws: the first URL's error.
    public static func parseList(_ text: String) throws(NATSError) -> [NATSServerURL] {
        var servers: [NATSServerURL] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingSpaces()
            guard !trimmed.isEmpty else { throw NATSError(kind: .invalidRequest, message: "an empty URL in the list") }
            servers.append(try NATSServerURL(parsing: trimmed))
        }
        return servers
    }

    /// `nats://host:port` (IPv6 in brackets).
    public var description: String {
        host.contains(":") ? "nats://[\(host)]:\(port)" : "nats://\(host):\(port)"
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return String(s)
    }
}
