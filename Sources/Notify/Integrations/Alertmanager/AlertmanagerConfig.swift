import ConfigYAML
import Model

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

    static func decode(_ node: ConfigNode) -> AlertmanagerConfig? {
        let keys = ["static_configs", "scheme", "path_prefix", "timeout", "api_version"]
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        var config = AlertmanagerConfig(targets: [])
        if let schemeNode = fields["scheme"], let scheme = schemeNode.string() {
            if scheme == "http" || scheme == "https" { config.scheme = scheme } else { schemeNode.fail(expected: "http or https") }
        }
        if let prefix = fields.string("path_prefix") { config.pathPrefix = prefix }
        if let timeout = fields["timeout"]?.duration() { config.timeout = timeout.duration }
        if let versionNode = fields["api_version"], let version = versionNode.string(), version != "v2" {
            versionNode.fail(expected: "api_version v2 (the only one binwatch sends)")
        }
        for staticNode in fields.list("static_configs") {
            guard let targets = AlertmanagerFields(staticNode, keys: ["targets"])?.strings("targets") else { continue }
            for (target, targetNode) in targets {
                if target.isEmpty || target.contains("/") || target.contains("://") {
                    targetNode.fail(expected: "host:port")
                } else {
                    config.targets.append(target)
                }
            }
        }
        if config.targets.isEmpty { node.fail(expected: "static_configs with at least one target", found: "no target") }
        return config
    }
}
