/// A request URL re-aimed for Go's `tls_config.server_name`: libcurl has no SNI option, so
/// the URL names `serverName` (SNI and certificate checks use it), `CONNECT_TO` sends the
/// connection to the original host and port, and the Host header keeps the original authority.
struct ServerNameOverride: Sendable, Equatable {
    /// The URL with its host replaced by the server name.
    let url: String
    /// `serverName:port:host:port` for CURLOPT_CONNECT_TO.
    let connectTo: String
    /// The original `host[:port]`, for the Host header.
    let hostHeader: String

    /// Nil when the URL has no `scheme://host` to replace.
    init?(url: String, serverName: String) {
        guard !serverName.isEmpty, let schemeEnd = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var userInfo = Substring("")
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[...at]
            hostPort = authority[authority.index(after: at)...]
        }
        // The host ends at the port's colon, outside an IPv6 literal's brackets.
        let closing = hostPort.lastIndex(of: "]") ?? hostPort.startIndex
        let colon = hostPort[closing...].lastIndex(of: ":")
        let host = colon.map { hostPort[..<$0] } ?? hostPort
        let explicitPort = colon.map { String(hostPort[hostPort.index(after: $0)...]) }
        guard !host.isEmpty else { return nil }
        let port = explicitPort ?? (scheme == "https" ? "443" : "80")
        self.url = "\(scheme)://\(userInfo)\(serverName)\(explicitPort.map { ":\($0)" } ?? "")\(rest[authorityEnd...])"
        self.connectTo = "\(serverName):\(port):\(host):\(port)"
        self.hostHeader = String(hostPort)
    }
}
