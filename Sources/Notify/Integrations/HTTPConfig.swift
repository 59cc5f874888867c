import ConfigYAML
import Foundation
import HTTPClient
public import Model

/// Alertmanager's `http_config` (prometheus/common's HTTPClientConfig) as binwatch applies
/// it through libcurl: authentication (basic_auth, authorization / bearer_token, oauth2),
/// tls_config, proxy_url and follow_redirects. Like Alertmanager's it has no timeout keys
/// (amtool refuses `timeout` and `connect_timeout`): how long an attempt may take comes from
/// the route, see `NotificationDeadline`.
public struct HTTPConfig: Sendable, Hashable {
    /// Whether 3xx redirects are followed (Alertmanager's `follow_redirects`, default true).
    public var followRedirects: Bool = true
    /// The `Authorization` header value (`Basic …`, `Bearer …`, or `TYPE credentials`).
    public var authorization: Secret?
    /// `tls_config`.
    public var tls = TLSConfig()
    /// `proxy_url`; nil = the proxy environment variables.
    public var proxyURL: Secret?
    /// `oauth2` client credentials; the token replaces any other Authorization.
    public var oauth2: OAuth2Config?

    /// `tls_config`: files are paths libcurl reads when it connects.
    public struct TLSConfig: Sendable, Hashable {
        /// PEM CA bundle to trust instead of the system's.
        public var caFile: String?
        /// Client certificate and key (PEM).
        public var certFile: String?, keyFile: String?
        /// The name the server certificate must carry (also the SNI name).
        public var serverName: String?
        /// Skip verification entirely.
        public var insecureSkipVerify = false

        /// Settings as `tls_config` gives them (all off by default).
        public init(
            caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil, serverName: String? = nil,
            insecureSkipVerify: Bool = false
        ) {
            (self.caFile, self.certFile, self.keyFile) = (caFile, certFile, keyFile)
            (self.serverName, self.insecureSkipVerify) = (serverName, insecureSkipVerify)
        }
    }

    /// Alertmanager's defaults: no authentication, system CAs, the proxy environment, redirects followed.
    public init() {}

    /// Applies the settings to a request (headers added, TLS and proxy options set).
    func apply(to request: inout HTTPRequest) {
        if let authorization { request.headers.add(name: "Authorization", value: authorization.reveal()) }
        request.caFile = tls.caFile
        request.clientCertificateFile = tls.certFile
        request.clientKeyFile = tls.keyFile
        request.serverName = tls.serverName
        request.insecureSkipVerify = tls.insecureSkipVerify
        request.proxyURL = proxyURL?.reveal()
    }

    static let keys = [
        "basic_auth", "authorization", "bearer_token", "bearer_token_file", "oauth2", "tls_config", "proxy_url",
        "follow_redirects",
    ]
    /// The rest of the keys of the prometheus/common Alertmanager 0.25 vendors: named, not
    /// `unknown key` (its `no_proxy` and `proxy_from_environment` came later; amtool 0.25
    /// refuses them, and so does binwatch).
    static let unsupportedKeys = ["proxy_connect_header", "enable_http2"]

    /// Decodes an `http_config` node; a receiver without one takes `defaults` (the global
    /// one) whole, and one with its own takes nothing from the global, as Alertmanager does.
    static func decode(_ node: ConfigNode?, defaults: HTTPConfig = HTTPConfig()) -> HTTPConfig {
        guard let node else { return defaults }
        var config = HTTPConfig()
        guard let fields = AlertmanagerFields(node, keys: keys, unsupported: unsupportedKeys) else { return config }
        if let follow = fields.bool("follow_redirects") { config.followRedirects = follow }
        config.authorization = decodeAuthorization(fields)
        if let tlsNode = fields["tls_config"], let tls = TLSConfig.decode(tlsNode) { config.tls = tls }
        // Any URL Go's url.Parse takes, as amtool; libcurl reads a bare `host:port` as http://.
        if let proxy = fields.string("proxy_url"), !proxy.isEmpty { config.proxyURL = Secret(proxy) }
        if let oauthNode = fields["oauth2"] {
            if config.authorization != nil {
                oauthNode.fail(expected: "at most one of basic_auth, oauth2, bearer_token & bearer_token_file",
                               found: "oauth2 and another")
            }
            config.oauth2 = decodeOAuth2(oauthNode)
        }
        return config
    }

    private static func decodeOAuth2(_ node: ConfigNode) -> OAuth2Config? {
        let keys = ["client_id", "client_secret", "client_secret_file", "token_url", "scopes", "endpoint_params"]
        guard let fields = AlertmanagerFields(node, keys: keys, unsupported: ["tls_config", "proxy_url", "proxy_connect_header"])
        else { return nil }
        let clientID = fields.string("client_id") ?? ""
        let secret = fields.secret("client_secret", fileKey: "client_secret_file")
        let tokenURL = fields.string("token_url") ?? ""
        var config: OAuth2Config?
        if tokenURL.hasPrefix("http://") || tokenURL.hasPrefix("https://") {
            config = OAuth2Config(clientID: clientID, clientSecret: secret ?? Secret(""), tokenURL: tokenURL)
        } else {
            (fields["token_url"] ?? node).fail(expected: "token_url, an http:// or https:// URL",
                                               found: tokenURL.isEmpty ? "none" : "\"\(tokenURL)\"")
        }
        config?.scopes = fields.strings("scopes")?.map(\.text) ?? []
        for entry in fields.stringMap("endpoint_params") ?? [] { config?.endpointParams[entry.name] = entry.value }
        return config
    }

    /// `basic_auth`, `authorization` and `bearer_token[_file]`: at most one, as Alertmanager checks.
    private static func decodeAuthorization(_ fields: AlertmanagerFields) -> Secret? {
        let given = ["basic_auth", "authorization", "bearer_token", "bearer_token_file"].filter { fields.has($0) }
        if given.count > 1 && !(given == ["bearer_token", "bearer_token_file"]) {
            fields.node.fail(expected: "at most one of basic_auth, authorization & bearer_token",
                             found: given.joined(separator: " and "))
        }
        if let basicNode = fields["basic_auth"],
           let basic = AlertmanagerFields(basicNode, keys: ["username", "password", "password_file"])
        {
            let username = basic.string("username") ?? ""
            let password = basic.secret("password", fileKey: "password_file")
            return Secret("Basic " + Data("\(username):\(password?.reveal() ?? "")".utf8).base64EncodedString())
        }
        if let authNode = fields["authorization"],
           let auth = AlertmanagerFields(authNode, keys: ["type", "credentials", "credentials_file"])
        {
            let type = auth.string("type") ?? "Bearer"
            if type.lowercased() == "basic" {
                (auth["type"] ?? authNode).fail(expected: "an authorization type other than basic (use basic_auth)",
                                                found: "\"\(type)\"")
            }
            let credentials = auth.secret("credentials", fileKey: "credentials_file")
            return credentials.map { Secret("\(type) \($0.reveal())") }
        }
        return fields.secret("bearer_token", fileKey: "bearer_token_file").map { Secret("Bearer \($0.reveal())") }
    }
}

extension HTTPConfig.TLSConfig {
    /// Decodes a `tls_config` node (prometheus/common's TLSConfig as Alertmanager 0.25 vendors
    /// it): `http_config`'s and `email_configs`' alike.
    static func decode(_ node: ConfigNode) -> HTTPConfig.TLSConfig? {
        guard let tls = AlertmanagerFields(
            node, keys: ["ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify"],
            // Inline `ca`/`cert`/`key` came after 0.25's prometheus/common: amtool refuses them as unknown.
            unsupported: ["min_version", "max_version"])
        else { return nil }
        return HTTPConfig.TLSConfig(
            caFile: tls.string("ca_file"), certFile: tls.string("cert_file"), keyFile: tls.string("key_file"),
            serverName: tls.string("server_name"), insecureSkipVerify: tls.bool("insecure_skip_verify") ?? false)
    }
}
