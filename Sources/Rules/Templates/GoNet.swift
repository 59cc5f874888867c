import Foundation

/// `net.SplitHostPort` / `JoinHostPort` / `ParseIP`, for `stripPort` and `stripDomain`.
enum GoNet {
    /// nil where Go returns an error (missing port, too many colons, bad brackets).
    static func splitHostPort(_ hostPort: String) -> (host: String, port: String)? {
        guard let colon = hostPort.lastIndex(of: ":") else { return nil }
        let port = String(hostPort[hostPort.index(after: colon)...])
        var host = String(hostPort[..<colon])
        if host.hasPrefix("[") {
            guard host.hasSuffix("]") else { return nil }
            host = String(host.dropFirst().dropLast())
            if host.contains("[") || host.contains("]") { return nil }
        } else if host.contains(":") || host.contains("[") || host.contains("]") {
            return nil
        }
        if port.contains("[") || port.contains("]") { return nil }
        return (host, port)
    }

    static func joinHostPort(_ host: String, _ port: String) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    static func isIP(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts.allSatisfy({ p in !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && (UInt8(p) != nil) }) {
            return true
        }
        // IPv6: hex groups and colons (with at most one `::`), optionally an embedded IPv4 tail.
        guard s.contains(":"), s.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
        return s.components(separatedBy: "::").count <= 2
    }

    static func stripDomain(_ hostPort: String) -> String {
        var host = hostPort
        var port = ""
        if let split = splitHostPort(hostPort) {
            host = split.host
            port = split.port
        }
        if isIP(host) { return hostPort }
        host = String(host.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        return port.isEmpty ? host : joinHostPort(host, port)
    }
}

/// `strconv.ParseFloat(s, 64)` syntax: decimal or hex floats, `Inf`, `NaN`, underscores not allowed.
enum GoNumbers {
    static func parseFloat(_ s: String) -> Double? {
        let lower = s.lowercased()
        let unsigned = lower.hasPrefix("+") || lower.hasPrefix("-") ? String(lower.dropFirst()) : lower
        let negative = lower.hasPrefix("-")
        switch unsigned {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return .nan
        default: break
        }
        guard !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && ($0.isHexDigit || ".xp+-".contains($0)) }) else { return nil }
        return Double(s)
    }
}
