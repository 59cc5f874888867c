import Collectors
import Daemon
import Foundation
import Model
import Testing

/// `sources:` goes through Collectors' decoder and factory: PostgreSQL sources are built
/// (not connected), collector-file errors keep their own file:line:col, and every kind
/// Collectors decodes comes out of its one factory.
@Suite struct ConfigLoaderSourcesTests {
    static let collector = """
        collector_name: wms_cache
        metrics:
          - metric_name: bin_utilization_cache_age_seconds
            type: gauge
            help: 'Age.'
            values: [age]
            query: SELECT 1 AS age
        """

    func config(_ sources: String) throws -> Workspace {
        let ws = try Workspace()
        try FileManager.default.createDirectory(atPath: ws.path("collectors"), withIntermediateDirectories: true)
        try ws.write("collectors/cache.yml", Self.collector)
        try ws.write("binwatch.yml", "sources:\n" + sources)
        return ws
    }

    @Test func postgresSourcesAreBuiltThroughCollectors() throws {
        let ws = try config("""
              textfile: [{name: files, path: /nonexistent.prom}]
              postgres:
                - name: wms
                  dsn: "${DSN}"
                  collector_files: [collectors/*.yml]
            """)
        defer { ws.remove() }
        let loaded = try ConfigLoader(environment: ["DSN": "host=/nonexistent dbname=wms"]).load(path: ws.path("binwatch.yml"))
        #expect(loaded.collectorSources.map(\.name) == ["wms"])
        #expect((loaded.collectorSources.first as? PostgresSource)?.collectors.map(\.collectorName) == ["wms_cache"])
        #expect(loaded.config.sources.textfiles.map(\.name) == ["files"])
    }

    @Test func unsetDSNVariableIsAConfigError() throws {
        let ws = try config("""
              postgres:
                - name: wms
                  dsn: "${DSN}"
                  collector_files: [collectors/*.yml]
            """)
        defer { ws.remove() }
        #expect {
            try ConfigLoader(environment: [:]).load(path: ws.path("binwatch.yml"))
        } throws: { error in
            "\(error)" == "\(ws.path("binwatch.yml")):4:12: sources.postgres[0].dsn: expected environment variable DSN to be set, found it unset"
        }
    }

    /// Every kind Collectors decodes runs in the daemon without a change here: scrape jobs
    /// come out of the same factory as the PostgreSQL sources.
    @Test func scrapeJobsAreBuiltToo() throws {
        let ws = try config("""
              scrape:
                - job_name: graphql-api
                  static_configs: [{targets: ["127.0.0.1:4000"]}]
            """)
        defer { ws.remove() }
        let loaded = try ConfigLoader(environment: [:]).load(path: ws.path("binwatch.yml"))
        #expect(loaded.collectorSources.count == 1)
        #expect(loaded.collectorSources.first is ScrapeSource)
    }

    @Test func collectorFileErrorsKeepTheirPosition() throws {
        let ws = try config("""
              postgres:
                - name: wms
                  dsn: "host=/nonexistent"
                  collector_files: [collectors/*.yml]
            """)
        defer { ws.remove() }
        try ws.write("collectors/cache.yml", Self.collector.replacingOccurrences(of: "type: gauge", with: "type: gauge2"))
        #expect {
            try ConfigLoader(environment: [:]).load(path: ws.path("binwatch.yml"))
        } throws: { error in
            "\(error)".hasPrefix("\(ws.path("collectors/cache.yml")):4:11: metrics[0].type: expected gauge or counter")
        }
    }
}
