import ConfigYAML
import Foundation
import Model
@testable import Remote
import Testing

@Suite struct RemoteWriteConfigTests {
    func decode(_ yaml: String, environment: [String: String] = [:], directory: String = "/nonexistent")
        throws -> ([RemoteWriteConfig], [String]) {
        let diagnostics = ConfigDiagnostics(file: "binwatch.yml", environment: environment)
        let root = try #require(diagnostics.root(of: yaml, expected: "a list"))
        let configs = RemoteWriteConfig.decodeList(root, directory: directory)
        return (configs, diagnostics.errors.map(\.description))
    }

    @Test func prometheusDefaultsWhenOnlyTheURLIsGiven() throws {
        let (configs, errors) = try decode("- url: http://prometheus:9090/api/v1/write")
        #expect(errors.isEmpty)
        let config = try #require(configs.first)
        // Prometheus 2.42's defaults, read from its /api/v1/status/config for the same entry.
        #expect(config.remoteTimeout == PromDuration(seconds: 30))
        #expect(config.queue == RemoteWriteConfig.Queue())
        #expect(config.queue.capacity == 2500 && config.queue.maxShards == 200 && config.queue.minShards == 1)
        #expect(config.queue.maxSamplesPerSend == 500 && config.queue.batchSendDeadline == PromDuration(seconds: 5))
        #expect(config.queue.minBackoff == PromDuration(milliseconds: 30) && config.queue.maxBackoff == PromDuration(seconds: 5))
        #expect(!config.queue.retryOnHTTP429)
        #expect(config.followRedirects)
        #expect(config.name.count == 6 && !config.nameGiven)
    }

    @Test func everyKeyOfAPrometheusEntryIsRead() throws {
        let (configs, errors) = try decode("""
            - url: https://central.example:9090/api/v1/write
              name: central
              remote_timeout: 10s
              headers: {X-Scope-OrgID: plant-1}
              basic_auth: {username: binwatch, password: "${RW_PASSWORD}"}
              tls_config: {server_name: central.example, insecure_skip_verify: true}
              write_relabel_configs:
                - {source_labels: [__name__], regex: 'go_.*', action: drop}
              queue_config:
                capacity: 10000
                max_shards: 50
                min_shards: 2
                max_samples_per_send: 2000
                batch_send_deadline: 1s
                min_backoff: 100ms
                max_backoff: 10s
                retry_on_http_429: true
              metadata_config: {send: false}
            """, environment: ["RW_PASSWORD": "s3cr3t-pass"])
        #expect(errors.isEmpty, "\(errors)")
        let config = try #require(configs.first)
        #expect(config.name == "central" && config.remoteTimeout == PromDuration(seconds: 10))
        #expect(config.headers.map(\.name) == ["X-Scope-OrgID"] && config.headers.map(\.value) == ["plant-1"])
        #expect(config.authorization?.reveal() == "Basic " + Data("binwatch:s3cr3t-pass".utf8).base64EncodedString())
        #expect("\(String(describing: config.authorization))".contains("s3cr3t") == false)
        #expect(config.tls.serverName == "central.example" && config.tls.insecureSkipVerify)
        #expect(config.writeRelabelConfigs.count == 1)
        #expect(config.queue.capacity == 10000 && config.queue.maxShards == 50 && config.queue.minShards == 2)
        #expect(config.queue.maxSamplesPerSend == 2000 && config.queue.batchSendDeadline == PromDuration(seconds: 1))
        #expect(config.queue.minBackoff == PromDuration(milliseconds: 100) && config.queue.maxBackoff == PromDuration(seconds: 10))
        #expect(config.queue.retryOnHTTP429)
    }

    @Test(arguments: [
        ("- {name: x}", "[0].url: expected the receiver's URL"),
        ("- url: ftp://x/", "[0].url: expected an http:// or https:// URL"),
        ("- {url: 'http://a/', queue_config: {max_shards: 0}}", "[0].queue_config.max_shards: expected an integer of at least 1"),
        ("- {url: 'http://a/', queue_config: {min_backoff: 1m, max_backoff: 1s}}", "expected min_backoff at most max_backoff"),
        ("- {url: 'http://a/', remote_timeout: soon}", "[0].remote_timeout: expected a duration like 5s"),
        ("- {url: 'http://a/', headers: {Content-Type: text/plain}}", "Content-Type, a reserved header. It must not be changed"),
        ("- {url: 'http://a/', sigv4: {region: x}}", "sigv4, which binwatch does not support yet"),
        ("- {url: 'http://a/', queue_config: {max_shard: 3}}", "unknown key \"max_shard\""),
        ("- {url: 'http://a/', name: a}\n- {url: 'http://b/', name: a}", "name \"a\" twice"),
        ("- {url: 'http://a/', authorization: {type: Basic, credentials: x}}", "expected a type other than Basic (use basic_auth)"),
    ])
    func badEntriesNameFileLineColumn(yaml: String, message: String) throws {
        let (_, errors) = try decode(yaml)
        #expect(errors.contains { $0.contains(message) }, "\(errors)")
        // Every message starts with file:line:col.
        #expect(errors.allSatisfy { $0.range(of: #"^binwatch\.yml:\d+:\d+: "#, options: .regularExpression) != nil }, "\(errors)")
    }

    @Test func secretsNeverReachErrors() throws {
        // Both auth kinds at once is an error; neither value may appear in it.
        let (_, errors) = try decode("""
            - url: http://a/
              basic_auth: {username: u, password: hunter2-secret}
              authorization: {credentials: tok3n-secret}
            """)
        #expect(!errors.isEmpty)
        let text = errors.joined(separator: "\n")
        #expect(!text.contains("hunter2") && !text.contains("tok3n"))
        let (_, fileErrors) = try decode("- {url: 'http://a/', basic_auth: {username: u, password: pw-secret, password_file: /x}}")
        #expect(fileErrors.contains { $0.contains("at most one of password & password_file") })
        #expect(!fileErrors.joined().contains("pw-secret"))
    }

    @Test func passwordAndCredentialsFilesAreReadRelativeToTheConfig() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-rwcfg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "tok3n\n".write(toFile: dir + "/token", atomically: true, encoding: .utf8)
        let (configs, errors) = try decode("- {url: 'http://a/', authorization: {credentials_file: token}}", directory: dir)
        #expect(errors.isEmpty, "\(errors)")
        #expect(configs.first?.authorization?.reveal() == "Bearer tok3n")
        #expect(configs.first?.labelURL == "http://a/")
        #expect(RemoteWriteConfig(url: "https://user:pw@host:9/api/v1/write").labelURL == "https://host:9/api/v1/write")
    }
}
