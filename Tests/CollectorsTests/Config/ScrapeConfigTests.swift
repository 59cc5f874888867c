@testable import Collectors
import Model
import Testing

@Suite struct ScrapeConfigTests {
    static func errors(_ yaml: String) -> [String] {
        do {
            _ = try SourcesConfig.decode(yaml: yaml, file: "binwatch.yml", environment: [:])
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func decodesPrometheusYmlShape() throws {
        let yaml = """
            sources:
              scrape:
                - job_name: graphql-api
                  metrics_path: /internal/metrics
                  scheme: https
                  scrape_timeout: 3s
                  honor_labels: true
                  params: {module: [wms, b], a: [x]}
                  static_configs:
                    - targets: ["127.0.0.1:4000", "api-2:4000"]
                      labels: {tier: api}
                    - targets: [localhost]
                - job_name: node
                  static_configs: [{targets: ["127.0.0.1:9100"]}]
            """
        let config = try SourcesConfig.decode(yaml: yaml, file: "binwatch.yml", environment: [:])
        #expect(config.notDecoded.isEmpty)
        #expect(config.scrape.map(\.jobName) == ["graphql-api", "node"])
        let job = try #require(config.scrape.first)
        #expect(job.metricsPath == "/internal/metrics")
        #expect(job.scheme == "https")
        #expect(job.scrapeTimeout == PromDuration(seconds: 3))
        #expect(job.honorLabels)
        #expect(job.params.map(\.name) == ["a", "module"])
        #expect(job.params.map(\.values) == [["x"], ["wms", "b"]])
        #expect(job.targets.map(\.address) == ["127.0.0.1:4000", "api-2:4000", "localhost"])
        #expect(job.targets.map(\.labels) == [Labels(["tier": "api"]), Labels(["tier": "api"]), Labels()])
        #expect(job.location == SourceLocation(file: "binwatch.yml", line: 3, column: 7))
        let node = try #require(config.scrape.last)
        #expect(node.metricsPath == "/metrics" && node.scheme == "http" && !node.honorLabels)
        #expect(node.scrapeTimeout == PromDuration(seconds: 10))
        #expect(ScrapeSource(config: job).url(of: job.targets[0]) == "https://127.0.0.1:4000/internal/metrics?a=x&module=wms&module=b")
    }

    static let prefix = "sources:\n  scrape:\n    - job_name: j\n      static_configs: [{targets: [\"h:1\"]}]\n"

    @Test(arguments: [
        ("sources:\n  scrape:\n    - static_configs: [{targets: [\"h:1\"]}]\n",
         "binwatch.yml:3:7: sources.scrape[0].job_name: expected a job name (the job label), found no such key"),
        (prefix + "      scrape_interval: 15s\n",
         "binwatch.yml:5:24: sources.scrape[0].scrape_interval: expected no scrape_interval (binwatch scrapes every target once per evaluation cycle: set global.evaluation_interval), found scrape_interval \"15s\""),
        (prefix + "      scheme: ftp\n",
         "binwatch.yml:5:15: sources.scrape[0].scheme: expected http or https, found \"ftp\""),
        (prefix + "      metrics_path: metrics\n",
         "binwatch.yml:5:21: sources.scrape[0].metrics_path: expected an absolute URL path like /metrics (no query: use params), found \"metrics\""),
        (prefix + "      scrape_timeout: 0s\n",
         "binwatch.yml:5:23: sources.scrape[0].scrape_timeout: expected a duration greater than 0s, found \"0s\""),
        (prefix + "      scrape_timeout: soon\n",
         "binwatch.yml:5:23: sources.scrape[0].scrape_timeout: expected a duration like 5s, found \"soon\""),
        (prefix + "      honor_labels: yes please\n",
         "binwatch.yml:5:21: sources.scrape[0].honor_labels: expected true or false, found \"yes please\""),
        (prefix + "      params: {module: wms}\n",
         "binwatch.yml:5:24: sources.scrape[0].params.module: expected a list of parameter values, found \"wms\""),
        ("sources:\n  scrape:\n    - job_name: j\n      static_configs: [{targets: [\"http://h:1/metrics\"]}]\n",
         "binwatch.yml:4:35: sources.scrape[0].static_configs[0].targets[0]: expected a target as host:port (no scheme or path: use scheme and metrics_path), found \"http://h:1/metrics\""),
        ("sources:\n  scrape:\n    - job_name: j\n      static_configs: [{labels: {a: b}}]\n",
         "binwatch.yml:4:24: sources.scrape[0].static_configs[0].targets: expected a list of host:port, found no such key"),
        ("sources:\n  scrape:\n    - job_name: j\n      static_configs: [{targets: [\"h:1\"], labels: {__x: b}}]\n",
         "binwatch.yml:4:52: sources.scrape[0].static_configs[0].labels.__x: expected a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __, found \"__x\""),
        (prefix + "      relabel_configs: []\n",
         "binwatch.yml:5:7: sources.scrape[0].relabel_configs: expected one of the keys job_name, static_configs, metrics_path, scheme, scrape_timeout, scrape_interval, honor_labels, params, found unknown key \"relabel_configs\""),
        (prefix + "    - job_name: j\n      static_configs: [{targets: [\"h:2\"]}]\n",
         "binwatch.yml:5:7: sources.scrape[1]: expected a job_name not used before, found \"j\" again (first at binwatch.yml:3:7)"),
        ("sources:\n  scrape: {job_name: j}\n",
         "binwatch.yml:2:11: sources.scrape: expected a list of scrape jobs (job_name, static_configs, …), found a mapping"),
    ])
    func errorsNameLineAndColumn(yaml: String, expected: String) {
        #expect(Self.errors(yaml) == [expected])
    }

    @Test(arguments: ["h:1", "127.0.0.1:9100", "localhost", "[::1]:9090", "[::1]"])
    func targetAddresses(_ address: String) {
        #expect(ScrapeJobConfig.isTargetAddress(address))
    }

    @Test(arguments: ["", "h:1/x", "http://h", "h:port", "h:70000", "a b:1", "user@h:1"])
    func badTargetAddresses(_ address: String) {
        #expect(!ScrapeJobConfig.isTargetAddress(address))
    }
}
