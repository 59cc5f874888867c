import ConfigYAML
public import Model

extension BinwatchConfig {
    /// `web:`.
    public struct Web: Sendable, Equatable {
        /// `host:port`; nil = no HTTP server.
        public var listenAddress: String?
        /// Where the health JSON is served.
        public var healthPath = "/api/wms/optimization/health"
        /// Whether `/-/reload` and `/-/quit` answer; off they give 403, as Prometheus without
        /// `--web.enable-lifecycle` (anyone who reaches the port could otherwise reload).
        public var enableLifecycle = false
        /// The exporter-toolkit web config (TLS, basic auth, headers), relative paths
        /// resolved against binwatch.yml's folder; nil: plain HTTP without authentication.
        public var configFile: String?
        /// How long a connection may sit without a complete request before it is closed
        /// (a slow-loris client holds nothing for longer); Prometheus's `--web.read-timeout`, 5m.
        public var readTimeout = PromDuration(seconds: 300)
        /// Open connections at most; more are closed at once (`--web.max-connections`, 512).
        public var maxConnections = 512

        public init() {}
    }

    static func decodeWeb(_ node: ConfigNode, directory: String) -> Web {
        var web = Web()
        let keys = ["listen_address", "health_path", "enable_lifecycle", "config_file", "read_timeout", "max_connections"]
        guard let entries = node.mapping(allowed: keys) else { return web }
        if let address = entries["listen_address"], let text = address.nonEmptyString(expected: "host:port") {
            if ListenAddress(text) == nil {
                address.fail(expected: "host:port with a port from 0 to 65535")
            } else {
                web.listenAddress = text
            }
        }
        if let pathNode = entries["health_path"], let path = pathNode.nonEmptyString(expected: "a URL path") {
            if path.hasPrefix("/") { web.healthPath = path } else { pathNode.fail(expected: "a path starting with /") }
        }
        if let value = entries["enable_lifecycle"]?.bool() { web.enableLifecycle = value }
        if let value = entries["read_timeout"]?.duration() { web.readTimeout = value }
        if let value = entries["max_connections"]?.int(minimum: 1) { web.maxConnections = value }
        if let file = entries["config_file"]?.nonEmptyString(expected: "a web config file path") {
            web.configFile = file.hasPrefix("/") ? file : directory + "/" + file
        }
        return web
    }
}
