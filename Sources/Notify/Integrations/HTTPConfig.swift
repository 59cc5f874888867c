import Foundation
import HTTPClient
public import Model

import Yams

/// Alertmanager's `http_config` (prometheus/common's HTTPClientConfig) as binwatch applies
/// it through libcurl: authentication (basic_auth, authorization / bearer_token),
/// tls_config, proxy_url and follow_redirects, plus binwatch's own timeouts.
public struct HTTPConfig: Sendable, Hashable {
    /// Longest time to connect.
    public var connectTimeout: Duration = .seconds(10)
    /// Longest time for a whole request.
    public var timeout: Duration = .seconds(10)
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

    /// Defaults: connect 10s, whole request 10s (Alertmanager's notify deadline floor).
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

    static func decode(_ parent: inout YAMLMap, defaults: HTTPConfig = HTTPConfig()) -> HTTPConfig {
        var config = defaults
        guard let node = parent.value("http_config"), var map = YAMLMap(node, path: parent.childPath("http_config"), parent.diagnostics)
        else { return config }
        if let d = map.duration("connect_timeout") { config.connectTimeout = d.duration }
        if let d = map.duration("timeout") { config.timeout = d.duration }
        if let f = map.bool("follow_redirects") { config.followRedirects = f }
        config.authorization = decodeAuthorization(&map)
        if let tlsNode = map.value("tls_config"), var tls = YAMLMap(tlsNode, path: map.childPath("tls_config"), map.diagnostics) {
            config.tls = TLSConfig(
                caFile: tls.string("ca_file"), certFile: tls.string("cert_file"), keyFile: tls.string("key_file"),
                serverName: tls.string("server_name"), insecureSkipVerify: tls.bool("insecure_skip_verify") ?? false)
            tls.refuseUnsupported(["ca", "cert", "key", "key_file_password", "min_version", "max_version"])
            tls.rejectUnknownKeys()
        }
        // Any URL Go's url.Parse takes, as amtool; libcurl reads a bare `host:port` as http://.
        if let proxy = map.string("proxy_url"), !proxy.isEmpty { config.proxyURL = Secret(proxy) }
        if let oauthNode = map.value("oauth2") {
            if config.authorization != nil {
                map.diagnostics.error(oauthNode, map.childPath("oauth2"), "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured")
            }
            config.oauth2 = decodeOAuth2(oauthNode, path: map.childPath("oauth2"), map.diagnostics)
        }
        // The rest of prometheus/common's keys: named, not `unknown key`.
        map.refuseUnsupported(["proxy_connect_header", "enable_http2"])
        map.rejectUnknownKeys()
        return config
    }

    private static func decodeOAuth2(_ node: Node, path: String, _ diagnostics: NotifyDiagnostics) -> OAuth2Config? {
        guard var map = YAMLMap(node, path: path, diagnostics) else { return nil }
        let clientID = map.string("client_id") ?? ""
        let secret = map.secret("client_secret", fileKey: "client_secret_file")
        let tokenURL = map.string("token_url") ?? ""
        var config: OAuth2Config?
        if tokenURL.hasPrefix("http://") || tokenURL.hasPrefix("https://") {
            config = OAuth2Config(clientID: clientID, clientSecret: secret ?? Secret(""), tokenURL: tokenURL)
        } else {
            diagnostics.error(node, path, "expected token_url, an http:// or https:// URL")
        }
        config?.scopes = map.stringList("scopes") ?? []
        for (key, value, _) in map.stringMap("endpoint_params") ?? [] { config?.endpointParams[key] = value }
        map.refuseUnsupported(["tls_config", "proxy_url", "proxy_connect_header"])
        map.rejectUnknownKeys()
        return config
    }

    /// `basic_auth`, `authorization` and `bearer_token[_file]`: at most one, as Alertmanager checks.
    private static func decodeAuthorization(_ map: inout YAMLMap) -> Secret? {
        let given = ["basic_auth", "authorization", "bearer_token", "bearer_token_file"].filter { map.has($0) }
        if given.count > 1 && !(given == ["bearer_token", "bearer_token_file"]) {
            map.diagnostics.error(map.node, map.path, "at most one of basic_auth, authorization & bearer_token must be configured")
        }
        if let basicNode = map.value("basic_auth"), var basic = YAMLMap(basicNode, path: map.childPath("basic_auth"), map.diagnostics) {
            let username = basic.string("username") ?? ""
            let password = basic.secret("password", fileKey: "password_file")
            basic.rejectUnknownKeys()
            return Secret("Basic " + Data("\(username):\(password?.reveal() ?? "")".utf8).base64EncodedString())
        }
        if let authNode = map.value("authorization"), var auth = YAMLMap(authNode, path: map.childPath("authorization"), map.diagnostics) {
            let type = auth.string("type") ?? "Bearer"
            if type.lowercased() == "basic" {
                map.diagnostics.error(authNode, map.childPath("authorization"), "authorization type cannot be set to \"basic\", use \"basic_auth\" instead")
            }
            let credentials = auth.secret("credentials", fileKey: "credentials_file")
            auth.rejectUnknownKeys()
            return credentials.map { Secret("\(type) \($0.reveal())") }
        }
        return map.secret("bearer_token", fileKey: "bearer_token_file").map { Secret("Bearer \($0.reveal())") }
    }
}
