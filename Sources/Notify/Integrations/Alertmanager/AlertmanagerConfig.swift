import Model
import Yams

/// One `alertmanagers:` entry in Prometheus's syntax: `static_configs[].targets`,
/// `scheme`, `path_prefix`, `timeout`, `api_version` (only `v2`).
public struct AlertmanagerConfig: Sendable, Hashable {
    /// `host:port` targets.
    public var targets: [String] = []
    /// `http` or `https`.
    public var scheme = "http"
    /// Prefix before `/api/v2/alerts`.
    public var pathPrefix = "/"
    /// Per-request timeout (Prometheus's default 10s).
    public var timeout: Duration = .seconds(10)

    /// Creates a config for `targets`.
    public init(targets: [String], scheme: String = "http", pathPrefix: String = "/", timeout: Duration = .seconds(10)) {
        self.targets = targets
        self.scheme = scheme
        self.pathPrefix = pathPrefix
        self.timeout = timeout
    }

    /// `scheme://target/prefix/api/v2/alerts` for every target.
    public var alertsURLs: [String] {
        var prefix = pathPrefix.hasPrefix("/") ? pathPrefix : "/" + pathPrefix
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return targets.map { "\(scheme)://\($0)\(prefix)/api/v2/alerts" }
    }

    static func decode(_ node: Node, path: String, _ diagnostics: NotifyDiagnostics) -> AlertmanagerConfig? {
        guard var map = YAMLMap(node, path: path, diagnostics) else { return nil }
        var config = AlertmanagerConfig(targets: [])
        if let scheme = map.string("scheme") {
            if scheme == "http" || scheme == "https" { config.scheme = scheme } else {
                diagnostics.error(map.value("scheme"), map.childPath("scheme"), "expected http or https, found \"\(scheme)\"")
            }
        }
        if let prefix = map.string("path_prefix") { config.pathPrefix = prefix }
        if let timeout = map.duration("timeout") { config.timeout = timeout.duration }
        if let version = map.string("api_version"), version != "v2" {
            diagnostics.error(map.value("api_version"), map.childPath("api_version"), "only api_version v2 is supported, found \"\(version)\"")
        }
        for (staticNode, staticPath) in map.list("static_configs") {
            guard var staticMap = YAMLMap(staticNode, path: staticPath, diagnostics) else { continue }
            for target in staticMap.stringList("targets") ?? [] {
                if target.isEmpty || target.contains("/") || target.contains("://") {
                    diagnostics.error(staticMap.value("targets"), staticMap.childPath("targets"), "expected host:port, found \"\(target)\"")
                } else {
                    config.targets.append(target)
                }
            }
            staticMap.rejectUnknownKeys()
        }
        map.rejectUnknownKeys()
        if config.targets.isEmpty { diagnostics.error(node, path, "no static_configs targets") }
        return config
    }
}
