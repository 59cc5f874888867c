public import ConfigYAML
import Foundation
import Model
import Yams

extension RemoteWriteConfig {
    static let keys = [
        "url", "name", "remote_timeout", "headers", "write_relabel_configs", "queue_config", "metadata_config",
        "send_exemplars", "send_native_histograms", "basic_auth", "authorization", "bearer_token", "bearer_token_file",
        "tls_config", "proxy_url", "follow_redirects", "enable_http2", "oauth2", "sigv4", "azuread", "no_proxy",
        "proxy_from_environment", "proxy_connect_header",
    ]
    /// Headers the protocol sets itself (Prometheus's `reservedHeaders`).
    static let reservedHeaders: Set<String> = [
        "authorization", "host", "content-encoding", "content-length", "content-type", "user-agent", "connection",
        "keep-alive", "proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding",
        "x-prometheus-remote-write-version", "x-prometheus-remote-read-version",
    ]

    /// Decodes the `remote_write:` list; every problem goes to the node's diagnostics with its
    /// file:line:col. Secret values never appear in a message.
    /// - Parameter directory: the config file's folder, against which `*_file` paths resolve.
    public static func decodeList(_ node: ConfigNode, directory: String) -> [RemoteWriteConfig] {
        guard let items = node.sequence(expected: "a list of remote write configs ({url: ...})") else { return [] }
        var configs: [RemoteWriteConfig] = []
        var names: [String: ConfigNode] = [:]
        var urls: Set<String> = []
        for item in items {
            guard let config = decode(item, directory: directory) else { continue }
            if config.nameGiven, names[config.name] != nil {
                item.fail(expected: "a unique name for each remote write config", found: "name \"\(config.name)\" twice")
            } else if !urls.insert(config.url + "\u{0}" + config.name).inserted {
                item.fail(expected: "no duplicate remote write configs", found: "the same url twice")
            }
            names[config.name] = item
            configs.append(config)
        }
        return configs
    }

    static func decode(_ node: ConfigNode, directory: String) -> RemoteWriteConfig? {
        guard let entries = node.mapping(allowed: keys, expected: "a remote write config mapping ({url: ...})") else { return nil }
        guard let urlNode = entries["url"] else {
            node.missing("url", expected: "the receiver's URL, e.g. http://prometheus:9090/api/v1/write")
            return nil
        }
        guard let url = urlNode.nonEmptyString(expected: "an http:// or https:// URL") else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > 8 else {
            urlNode.fail(expected: "an http:// or https:// URL", found: "\"\(RemoteWriteConfig(url: url).labelURL)\"")
            return nil
        }
        var name: String?
        if let nameNode = entries["name"], let text = nameNode.nonEmptyString(expected: "a name") { name = text }
        var config = RemoteWriteConfig(url: url, name: name)
        if let value = entries["remote_timeout"]?.duration() { config.remoteTimeout = value }
        if let headersNode = entries["headers"] { config.headers = decodeHeaders(headersNode) }
        config.authorization = decodeAuthorization(entries, directory: directory)
        if let tlsNode = entries["tls_config"] { config.tls = decodeTLS(tlsNode, directory: directory) }
        if let proxy = entries["proxy_url"]?.expandedString(expected: "a proxy URL"), !proxy.isEmpty { config.proxyURL = Secret(proxy) }
        if let value = entries["follow_redirects"]?.bool() { config.followRedirects = value }
        _ = entries["enable_http2"]?.bool()  // libcurl negotiates; accepted as Prometheus files carry it.
        _ = entries["send_exemplars"]?.bool()  // binwatch has no exemplars or native histograms to send.
        _ = entries["send_native_histograms"]?.bool()
        if let metadata = entries["metadata_config"], let m = metadata.mapping(allowed: ["send", "send_interval", "max_samples_per_send"]) {
            // Accepted so prometheus.yml entries can be copied; binwatch sends no metadata.
            _ = m["send"]?.bool()
            _ = m["send_interval"]?.duration()
            _ = m["max_samples_per_send"]?.int(minimum: 1)
        }
        for key in ["oauth2", "sigv4", "azuread", "no_proxy", "proxy_from_environment", "proxy_connect_header"] {
            entries[key]?.fail(expected: "a key binwatch supports (basic_auth, authorization, tls_config, headers, proxy_url)",
                               found: "\(key), which binwatch does not support yet")
        }
        if let relabel = entries["write_relabel_configs"] { config.writeRelabelConfigs = decodeRelabelConfigs(relabel) }
        if let queue = entries["queue_config"] { config.queue = decodeQueue(queue) }
        return config
    }

    static func decodeHeaders(_ node: ConfigNode) -> [(name: String, value: String)] {
        if node.isNull { return [] }
        guard case .mapping(let mapping) = node.node else {
            node.fail(expected: "a mapping of header names to values")
            return []
        }
        var out: [(name: String, value: String)] = []
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let keyed = node.child(keyNode, key: name)
            let valid = !name.isEmpty && name.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }
            guard valid else {
                keyed.fail(expected: "an HTTP header name", found: "\"\(name)\"")
                continue
            }
            if reservedHeaders.contains(name.lowercased()) {
                keyed.fail(expected: "a header remote write does not set itself", found: "\(name), a reserved header. It must not be changed")
                continue
            }
            guard let value = node.child(valueNode, key: name).expandedString(expected: "a header value") else { continue }
            if value.contains("\r") || value.contains("\n") {
                keyed.fail(expected: "a header value without CR or LF", found: "a value with a line break")
                continue
            }
            out.append((name, value))
        }
        return out
    }

    /// `basic_auth`, `authorization` or `bearer_token[_file]`: at most one (prometheus/common's check).
    static func decodeAuthorization(_ entries: [String: ConfigNode], directory: String) -> Secret? {
        let given = ["basic_auth", "authorization", "bearer_token", "bearer_token_file"].filter { entries[$0] != nil }
        if given.count > 1, let node = entries[given[1]] {
            node.fail(expected: "at most one of basic_auth, authorization, bearer_token & bearer_token_file",
                      found: given.joined(separator: " and "))
            return nil
        }
        if let node = entries["basic_auth"], let basic = node.mapping(allowed: ["username", "username_file", "password", "password_file"]) {
            let username = secret(basic, "username", fileKey: "username_file", directory: directory)?.reveal() ?? ""
            let password = secret(basic, "password", fileKey: "password_file", directory: directory)?.reveal() ?? ""
            return Secret("Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
        }
        if let node = entries["authorization"], let auth = node.mapping(allowed: ["type", "credentials", "credentials_file"]) {
            let type = auth["type"]?.nonEmptyString(expected: "an authorization type such as Bearer") ?? "Bearer"
            if type.lowercased() == "basic" {
                auth["type"]?.fail(expected: "a type other than Basic (use basic_auth)", found: "\"\(type)\"")
                return nil
            }
            return secret(auth, "credentials", fileKey: "credentials_file", directory: directory).map { Secret("\(type) \($0.reveal())") }
        }
        if entries["bearer_token"] != nil || entries["bearer_token_file"] != nil {
            return secret(entries, "bearer_token", fileKey: "bearer_token_file", directory: directory).map { Secret("Bearer \($0.reveal())") }
        }
        return nil
    }

    /// `key` inline (with `${ENV}`) or read from `fileKey` (trimmed), never both; never printed.
    static func secret(_ entries: [String: ConfigNode], _ key: String, fileKey: String, directory: String) -> Secret? {
        if let inline = entries[key], let fileNode = entries[fileKey] {
            fileNode.fail(expected: "at most one of \(key) & \(fileKey)", found: "both")
            _ = inline
            return nil
        }
        if let inline = entries[key] {
            guard case .scalar(let scalar) = inline.node, !inline.isNull else {
                inline.fail(expected: "a string", found: "<secret> that is not a string")
                return nil
            }
            switch EnvironmentExpansion.expand(scalar.string, environment: inline.diagnostics.environment) {
            case .success(let value): return Secret(value)
            case .failure(.undefined(let name)): inline.fail(expected: "environment variable \(name) to be set (for ${\(name)})", found: "it unset")
            case .failure(.unterminated): inline.fail(expected: "${NAME} closed by }", found: "an unterminated ${")
            }
            return nil
        }
        if let fileNode = entries[fileKey], let path = fileNode.nonEmptyString(expected: "a file path") {
            let full = path.hasPrefix("/") ? path : directory + "/" + path
            guard let text = try? String(contentsOfFile: full, encoding: .utf8) else {
                fileNode.fail(expected: "a readable file", found: "no readable file at \(full)")
                return nil
            }
            return Secret(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return nil
    }

    static func decodeTLS(_ node: ConfigNode, directory: String) -> TLS {
        var tls = TLS()
        let keys = ["ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify", "min_version", "max_version"]
        guard let entries = node.mapping(allowed: keys) else { return tls }
        func path(_ key: String) -> String? {
            guard let value = entries[key]?.nonEmptyString(expected: "a file path") else { return nil }
            let full = value.hasPrefix("/") ? value : directory + "/" + value
            if !FileManager.default.isReadableFile(atPath: full) { entries[key]?.fail(expected: "a readable file", found: "no readable file at \(full)") }
            return full
        }
        tls.caFile = path("ca_file")
        tls.certFile = path("cert_file")
        tls.keyFile = path("key_file")
        if (tls.certFile == nil) != (tls.keyFile == nil) {
            node.fail(expected: "cert_file and key_file together", found: "only one of them")
        }
        tls.serverName = entries["server_name"]?.nonEmptyString(expected: "a host name")
        if let value = entries["insecure_skip_verify"]?.bool() { tls.insecureSkipVerify = value }
        for key in ["min_version", "max_version"] {
            entries[key]?.fail(expected: "a tls_config key binwatch supports", found: "\(key), which binwatch does not support yet")
        }
        return tls
    }

    static func decodeQueue(_ node: ConfigNode) -> Queue {
        var queue = Queue()
        let keys = [
            "capacity", "max_shards", "min_shards", "max_samples_per_send", "batch_send_deadline", "min_backoff", "max_backoff",
            "retry_on_http_429",
        ]
        guard let entries = node.mapping(allowed: keys) else { return queue }
        if let value = entries["capacity"]?.int(minimum: 1) { queue.capacity = value }
        if let value = entries["max_shards"]?.int(minimum: 1) { queue.maxShards = value }
        if let value = entries["min_shards"]?.int(minimum: 1) { queue.minShards = value }
        if let value = entries["max_samples_per_send"]?.int(minimum: 1) { queue.maxSamplesPerSend = value }
        if let value = entries["batch_send_deadline"]?.duration() { queue.batchSendDeadline = value }
        if let value = entries["min_backoff"]?.duration() { queue.minBackoff = value }
        if let value = entries["max_backoff"]?.duration() { queue.maxBackoff = value }
        if let value = entries["retry_on_http_429"]?.bool() { queue.retryOnHTTP429 = value }
        if queue.minShards > queue.maxShards {
            node.fail(expected: "min_shards at most max_shards", found: "min_shards \(queue.minShards) > max_shards \(queue.maxShards)")
        }
        if queue.minBackoff > queue.maxBackoff {
            node.fail(expected: "min_backoff at most max_backoff", found: "min_backoff \(queue.minBackoff) > max_backoff \(queue.maxBackoff)")
        }
        return queue
    }
}
