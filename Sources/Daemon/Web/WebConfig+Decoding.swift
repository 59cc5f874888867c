import ConfigYAML
import Foundation
public import Model
import Yams

extension WebConfig {
    /// Reads and validates a web config file (paths in it are relative to its folder).
    /// - Throws: every problem as `file:line:col`, as exporter-toolkit would refuse it.
    public static func load(path: String) throws(ConfigErrors) -> WebConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigErrors([ConfigError(
                location: SourceLocation(file: path, line: 0, column: 0), keyPath: "", expected: "a readable web config file",
                found: "no such file or not UTF-8")])
        }
        return try decode(text, path: path)
    }

    /// Decodes the text of a web config file read from `path`.
    /// - Throws: every problem as `file:line:col`.
    public static func decode(_ text: String, path: String) throws(ConfigErrors) -> WebConfig {
        let diagnostics = ConfigDiagnostics(file: path, environment: [:])
        let documents: [Node]
        do throws(YAMLSyntaxError) {
            documents = try YAMLDocuments.compose(text)
        } catch {
            throw ConfigErrors([ConfigError(syntax: error, file: path)])
        }
        // An empty file is a valid web config (no TLS, no authentication), as exporter-toolkit has it.
        guard let first = documents.first, !first.isYAMLNull else { return WebConfig() }
        let config = decode(ConfigNode(node: first, keyPath: "", diagnostics: diagnostics), directory: ConfigLoader.directory(of: path))
        guard diagnostics.errors.isEmpty else { throw ConfigErrors(diagnostics.errors) }
        return config
    }

    private static func decode(_ root: ConfigNode, directory: String) -> WebConfig {
        var config = WebConfig()
        if root.isNull { return config }
        guard let entries = root.mapping(allowed: ["tls_server_config", "http_server_config", "basic_auth_users"]) else {
            return config
        }
        if let node = entries["tls_server_config"], !node.isNull { config.tls = decodeTLS(node, directory: directory) }
        if let node = entries["http_server_config"], !node.isNull, let server = node.mapping(allowed: ["http2", "headers"]) {
            if let http2 = server["http2"] { _ = http2.bool() }
            if let headers = server["headers"], let map = headers.stringMap() {
                for (name, value, node) in map {
                    guard let allowed = allowedHeaders.first(where: { $0.lowercased() == name.lowercased() }) else {
                        node.fail(expected: "one of the headers \(allowedHeaders.joined(separator: ", "))", found: "\"\(name)\"")
                        continue
                    }
                    config.headers.append((allowed, value))
                }
            }
        }
        if let node = entries["basic_auth_users"], !node.isNull, let users = node.stringMap(secretValues: true) {
            for (user, hash, node) in users {
                // A bcrypt hash ($2a$/$2b$/$2y$, cost, 53 characters of salt and digest).
                guard hash.count == 60, hash.hasPrefix("$2"), hash.split(separator: "$").count == 3 else {
                    node.fail(expected: "a bcrypt hash ($2y$10$… as htpasswd -B or Python's bcrypt make)", found: "<secret>")
                    continue
                }
                config.basicAuthUsers[user] = Secret(hash)
            }
        }
        return config
    }

    private static func decodeTLS(_ node: ConfigNode, directory: String) -> TLSServer? {
        let keys = [
            "cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version", "cipher_suites",
            "prefer_server_cipher_suites", "curve_preferences", "client_allowed_sans",
        ]
        guard let entries = node.mapping(allowed: keys) else { return nil }
        func path(_ key: String) -> String? {
            guard let text = entries[key]?.nonEmptyString(expected: "a file path") else { return nil }
            return text.hasPrefix("/") ? text : directory + "/" + text
        }
        // Refused rather than ignored: a user relying on it would get no SAN check at all.
        entries["client_allowed_sans"]?.fail(expected: "no client_allowed_sans (binwatch does not check client SANs)", found: "a list")
        let cert = path("cert_file")
        let key = path("key_file")
        if cert == nil && key == nil && entries["client_ca_file"] == nil { return nil }
        guard let cert, let key else {
            node.fail(expected: cert == nil ? "cert_file beside key_file" : "key_file beside cert_file", found: "only one of them")
            return nil
        }
        var tls = TLSServer(certFile: cert, keyFile: key)
        tls.clientCAFile = path("client_ca_file")
        if let authNode = entries["client_auth_type"], let text = authNode.string(expected: "a client auth type") {
            if let auth = ClientAuth(rawValue: text) {
                tls.clientAuth = auth
            } else {
                authNode.fail(expected: "one of \(ClientAuth.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if tls.clientCAFile != nil && tls.clientAuth == .none {
            node.fail(expected: "a client_auth_type when client_ca_file is set", found: "NoClientCert")
        }
        if [.verifyIfGiven, .requireAndVerify].contains(tls.clientAuth) && tls.clientCAFile == nil {
            node.fail(expected: "client_ca_file for client_auth_type \(tls.clientAuth.rawValue)", found: "none")
        }
        for (field, keyName) in [(\TLSServer.minVersion, "min_version")] {
            if let versionNode = entries[keyName], let text = versionNode.string(expected: "a TLS version") {
                if let version = TLSVersion(rawValue: text) { tls[keyPath: field] = version } else {
                    versionNode.fail(expected: "one of TLS10, TLS11, TLS12, TLS13")
                }
            }
        }
        if let versionNode = entries["max_version"], let text = versionNode.string(expected: "a TLS version") {
            if let version = TLSVersion(rawValue: text) { tls.maxVersion = version } else {
                versionNode.fail(expected: "one of TLS10, TLS11, TLS12, TLS13")
            }
        }
        if let max = tls.maxVersion, max < tls.minVersion {
            entries["max_version"]?.fail(expected: "a max_version not below min_version \(tls.minVersion.rawValue)")
        }
        if let suites = entries["cipher_suites"]?.stringList(expected: "cipher suite names") {
            for (name, suiteNode) in suites {
                if cipherSuites[name] == nil {
                    suiteNode.fail(expected: "a cipher suite Go's crypto/tls names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, …)")
                } else {
                    tls.cipherSuites.append(name)
                }
            }
        }
        return tls
    }
}

extension ConfigNode {
    /// A mapping of strings to strings, in file order, each value with its node.
    func stringMap(secretValues: Bool = false) -> [(String, String, ConfigNode)]? {
        guard case .mapping(let mapping) = node else {
            fail(expected: "a mapping")
            return nil
        }
        var out: [(String, String, ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            let value = child(valueNode, key: key)
            guard case .scalar(let scalar) = valueNode, !value.isNull else {
                value.fail(expected: "a string", found: secretValues ? "<secret>" : nil)
                continue
            }
            out.append((key, scalar.string, value))
        }
        return out
    }
}
