import Foundation
import Yams

/// The `alerting:` section as YAML with every secret shown as `<secret>`, as Alertmanager's
/// `config.String()` prints its `Secret` and `SecretURL` fields: the Alertmanager API's
/// `config.original`, which `amtool config show` prints.
///
/// The section is re-emitted from the file's own nodes (Alertmanager re-marshals its config
/// struct with defaults filled in; binwatch shows what was written). A secret's value is
/// replaced whatever its form (inline, `${ENV}`); `*_file` paths are not secrets and stay.
enum RedactedAlertingConfig {
    /// Alertmanager 0.25's `Secret`/`SecretURL` keys among the receivers binwatch supports
    /// and the ones it refuses (so a refused section never prints a secret either).
    static let secretKeys: Set<String> = [
        "slack_api_url", "api_url", "routing_key", "service_key", "password", "credentials", "bearer_token",
        "client_secret", "auth_password", "auth_secret", "smtp_auth_password", "smtp_auth_secret", "api_key", "api_secret",
        "opsgenie_api_key", "victorops_api_key", "wechat_api_secret", "webhook_url", "user_key", "token", "bot_token",
    ]

    /// Keys under which `url` is a secret too: binwatch reads a webhook's `url` as a secret
    /// (it often carries a token), stricter than Alertmanager 0.25, which prints it.
    static let secretURLParents: Set<String> = ["webhook_configs"]

    /// The section's YAML text with secrets hidden; empty when it cannot be emitted.
    static func text(of node: Node) -> String {
        (try? Yams.serialize(node: redact(node, under: nil))) ?? ""
    }

    /// The whole binwatch.yml for the status page: the `alerting:` keys above, and in every
    /// section the PostgreSQL `dsn` (a connection string may hold a password) and the
    /// password of any URL written with one (`https://user:pw@host` shows `user:<secret>@`).
    static func wholeConfigText(of node: Node) -> String {
        (try? Yams.serialize(node: redact(node, under: nil, keys: secretKeys.union(["dsn"]), urlPasswords: true))) ?? ""
    }

    static func redact(_ node: Node, under parentKey: String?, keys: Set<String> = secretKeys, urlPasswords: Bool = false) -> Node {
        switch node {
        case .mapping(var mapping):
            for index in mapping.indices {
                let (key, value) = mapping[index]
                let name = key.string ?? ""
                let isSecret = keys.contains(name) || (name == "url" && secretURLParents.contains(parentKey ?? ""))
                    || (urlPasswords && parentKey == "headers" && sensitiveHeader(name))
                if isSecret, case .scalar = value {
                    mapping[index] = (key, Node("<secret>"))
                } else if urlPasswords, isSecret, case .sequence(let items) = value {
                    // A list under a secret key (a scrape job's `params: {token: [...]}`).
                    mapping[index] = (key, .sequence(Node.Sequence(items.map { _ in Node("<secret>") })))
                } else {
                    mapping[index] = (key, redact(value, under: name, keys: keys, urlPasswords: urlPasswords))
                }
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for index in sequence.indices {
                sequence[index] = redact(sequence[index], under: parentKey, keys: keys, urlPasswords: urlPasswords)
            }
            return .sequence(sequence)
        case .scalar(let scalar):
            guard urlPasswords, let hidden = hidingURLPassword(scalar.string) else { return node }
            return Node(hidden)
        case .alias:
            return node
        }
    }

    /// A header that carries credentials (remote write's and scrape jobs' `headers:`).
    static func sensitiveHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["authorization", "cookie", "token", "key", "secret", "password", "auth"].contains { lower.contains($0) }
    }

    /// `scheme://user:password@rest` with the password replaced; nil when there is none.
    static func hidingURLPassword(_ text: String) -> String? {
        guard let scheme = text.range(of: "://") else { return nil }
        let authorityEnd = text[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
        let authority = text[scheme.upperBound..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return nil }
        return String(text[..<text.index(after: colon)]) + "<secret>" + String(text[at...])
    }
}
