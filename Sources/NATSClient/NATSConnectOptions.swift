import Foundation

/// What the client says in `CONNECT`: its name and credentials (user and password, or a
/// token). The credentials print as `<secret>`.
public struct NATSConnectOptions: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The connection's name in the server's monitoring (`connz`).
    public var name: String
    /// The user name, with `password`.
    public var user: String?
    /// The password of `user`.
    public var password: String?
    /// An authorization token (instead of user and password).
    public var token: String?

    /// Options with the given credentials.
    public init(name: String = "binwatch", user: String? = nil, password: String? = nil, token: String? = nil) {
        self.name = name
        self.user = user
        self.password = password
        self.token = token
    }

    /// The name and the user; password and token as `<secret>`.
    public var description: String {
        var parts = ["name: \(name)"]
        if let user { parts.append("user: \(user)") }
        if password != nil { parts.append("password: <secret>") }
        if token != nil { parts.append("token: <secret>") }
        return "NATSConnectOptions(\(parts.joined(separator: ", ")))"
    }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// The `CONNECT` line: no `+OK` after each operation (verbose off), headers on, and
    /// no_responders on, so a request nobody serves is answered with a 503 status at once
    /// instead of timing out.
    func connectLine() -> [UInt8] {
        let request = ConnectRequest(name: name, user: user, pass: password, authToken: token)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and booleans cannot fail.
        let json = (try? encoder.encode(request)) ?? Data("{}".utf8)
        return Array("CONNECT ".utf8) + Array(json) + Array("\r\n".utf8)
    }

    private struct ConnectRequest: Encodable {
        var verbose = false
        var pedantic = false
        var tlsRequired = false
        var name: String
        var lang = "swift"
        var version = "1.0.0"
        var protocolLevel = 1
        var headers = true
        var noResponders = true
        var user: String?
        var pass: String?
        var authToken: String?

        enum CodingKeys: String, CodingKey {
            case verbose, pedantic, name, lang, version, headers, user, pass
            case tlsRequired = "tls_required", protocolLevel = "protocol", noResponders = "no_responders"
            case authToken = "auth_token"
        }
    }
}
