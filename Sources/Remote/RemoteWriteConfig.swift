public import Model

/// One `remote_write:` entry of binwatch.yml, in prometheus.yml's own syntax
/// (`config.RemoteWriteConfig` with its `HTTPClientConfig` inlined and its `QueueConfig`).
public struct RemoteWriteConfig: Sendable {
    /// Where requests go (`http://` or `https://`). Treated as a secret in logs (it may carry a
    /// token in its path or query); the `url` label of the self metrics carries it without user info.
    public var url: String
    /// `name`, or a 6-hex-digit hash of the URL when absent (Prometheus hashes the whole
    /// entry); the `remote_name` label, and the key of the queue's position file.
    public var name: String
    /// Whether `name` was written in the file.
    public var nameGiven = false
    /// `remote_timeout` (default 30s): longest time for one request.
    public var remoteTimeout = PromDuration(seconds: 30)
    /// `headers`, sent with every request (the protocol's own headers may not be changed).
    public var headers: [(name: String, value: String)] = []
    /// The `Authorization` header value from `basic_auth`, `authorization` or `bearer_token`.
    public var authorization: Secret?
    /// `tls_config`.
    public var tls = TLS()
    /// `proxy_url`; nil leaves libcurl to the proxy environment variables.
    public var proxyURL: Secret?
    /// `follow_redirects` (default true).
    public var followRedirects = true
    /// `write_relabel_configs`, applied after `external_labels` are added.
    public var writeRelabelConfigs: [RelabelConfig] = []
    /// `queue_config`.
    public var queue = Queue()

    /// `tls_config`: files libcurl reads when it connects.
    public struct TLS: Sendable, Equatable {
        public var caFile: String?
        public var certFile: String?
        public var keyFile: String?
        public var serverName: String?
        public var insecureSkipVerify = false

        public init() {}
    }

    /// `queue_config`, with Prometheus 2.42's defaults.
    public struct Queue: Sendable, Equatable {
        /// Samples read ahead of the send; binwatch reads the WAL on demand, so it only bounds a batch.
        public var capacity = 2500
        /// Accepted and shown as `prometheus_remote_storage_shards_max`; binwatch sends in WAL
        /// order with one shard (docs/remote-write.md).
        public var maxShards = 200
        public var minShards = 1
        /// Samples in one request at most.
        public var maxSamplesPerSend = 500
        /// Longest time a sample waits for its batch to fill.
        public var batchSendDeadline = PromDuration(seconds: 5)
        /// Retry delays: doubled from `min_backoff` up to `max_backoff`.
        public var minBackoff = PromDuration(milliseconds: 30)
        public var maxBackoff = PromDuration(seconds: 5)
        /// Whether 429 Too Many Requests is retried (default false, as in Prometheus 2.42: dropped).
        public var retryOnHTTP429 = false

        public init() {}
    }

    public init(url: String, name: String? = nil) {
        self.url = url
        self.name = name ?? Self.hashName(url)
        nameGiven = name != nil
    }

    /// The URL for the `url` label: without user info (`user:password@`).
    public var labelURL: String {
        guard let scheme = url.firstRange(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let slash = url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
        guard at < slash else { return url }
        return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
    }

    /// Six hex digits of the URL's FNV-1a hash: a stable default `name`.
    static func hashName(_ url: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).suffix(6))
    }
}
