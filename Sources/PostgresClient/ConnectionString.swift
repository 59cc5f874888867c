import CLibPQ
import Foundation
public import Model

/// A libpq connection string (`host=… user=…` or `postgresql://…`), held as a `Secret`,
/// with what is needed to keep its password out of every message.
///
/// libpq itself reads PG* environment variables, `.pgpass`, service files and `sslmode`;
/// this type only checks the string parses and learns which texts to redact.
public struct ConnectionString: Sendable {
    /// The string as given; revealed only to `PQconnectdbParams`.
    public let secret: Secret
    /// Texts that must never appear in output: the password as libpq decodes it, as it is
    /// spelled in the string (URIs percent-encode it), and `PGPASSWORD`.
    let redactions: [String]

    /// Parses `conninfo` with libpq's own parser.
    /// - Throws: `PostgresError` of kind `.invalidConnectionString`; its message never
    ///   quotes the string, since the part libpq complains about may be the password.
    public init(_ conninfo: Secret) throws(PostgresError) {
        self.secret = conninfo
        let text = conninfo.reveal()
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &errorMessage) else {
            var message = "invalid connection string"
            if let errorMessage {
                let raw = String(cString: errorMessage)
                PQfreemem(errorMessage)
                message += ": " + Self.redactQuoted(raw, appearingIn: text)
            }
            throw PostgresError(kind: .invalidConnectionString, message: message)
        }
        defer { PQconninfoFree(options) }
        var secrets: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val {
                secrets.append(String(cString: value))
            }
            option += 1
        }
        if let raw = Self.uriPassword(text) { secrets.append(raw) }
        if let fromEnvironment = getenv("PGPASSWORD") { secrets.append(String(cString: fromEnvironment)) }
        self.redactions = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// `message` with every password spelling replaced by `<secret>`.
    public func redact(_ message: String) -> String {
        var out = message
        for secret in redactions {
            out = out.replacingOccurrences(of: secret, with: "<secret>")
        }
        return out
    }

    /// The password as spelled between `:` and `@` in a `postgres://` URI's authority.
    static func uriPassword(_ text: String) -> String? {
        guard let scheme = text.range(of: "://"),
              text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") else { return nil }
        let afterScheme = text[scheme.upperBound...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        let password = String(userInfo[userInfo.index(after: colon)...])
        guard !password.isEmpty else { return nil }
        // Both the spelling and its decoding may be echoed somewhere.
        return password
    }

    /// libpq's parse errors quote pieces of the string (`missing "=" after "hunter2"`);
    /// any quoted piece longer than one character that occurs in the string is hidden.
    static func redactQuoted(_ message: String, appearingIn conninfo: String) -> String {
        var out = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "\"") {
            out += rest[...open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "\"") else {
                rest = rest[afterOpen...]
                break
            }
            let quoted = rest[afterOpen..<close]
            out += quoted.count > 1 && conninfo.contains(String(quoted)) ? "<redacted>" : String(quoted)
            out += "\""
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}
