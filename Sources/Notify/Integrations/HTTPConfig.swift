import Model

import Yams

/// The subset of `http_config` binwatch honours: timeouts and redirects. TLS
/// verification is always on (libcurl's default), proxies come from the environment.
public struct HTTPConfig: Sendable, Hashable {
    /// Longest time to connect.
    public var connectTimeout: Duration = .seconds(10)
    /// Longest time for a whole request.
    public var timeout: Duration = .seconds(10)
    /// Whether 3xx redirects are followed (Alertmanager's `follow_redirects`, default true).
    public var followRedirects: Bool = true

    /// Defaults: connect 10s, whole request 10s (Alertmanager's notify deadline floor).
    public init() {}

    static func decode(_ parent: inout YAMLMap, defaults: HTTPConfig = HTTPConfig()) -> HTTPConfig {
        var config = defaults
        guard let node = parent.value("http_config"), var map = YAMLMap(node, path: parent.childPath("http_config"), parent.diagnostics)
        else { return config }
        if let d = map.duration("connect_timeout") { config.connectTimeout = d.duration }
        if let d = map.duration("timeout") { config.timeout = d.duration }
        if let f = map.bool("follow_redirects") { config.followRedirects = f }
        // Alertmanager 0.25's other http_config keys (prometheus/common): named, not `unknown key`.
        map.refuseUnsupported([
            "basic_auth", "authorization", "bearer_token", "bearer_token_file", "oauth2", "tls_config", "proxy_url",
            "proxy_connect_header", "enable_http2",
        ])
        map.rejectUnknownKeys()
        return config
    }
}
