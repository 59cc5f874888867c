@testable import Collectors
import Model
import Testing

@Suite struct SourcesConfigTests {
    static let good = """
        global:
          evaluation_interval: 30s
        sources:
          postgres:
            - name: wms
              dsn: "host=/tmp user=${PGUSER_FOR_TEST} password=${PW}"
              query_timeout: 5s
              collector_files: [collectors/*.yml]
              labels: {job: postgres-exporter}
        """

    @Test func decodesAPostgresSource() throws {
        let config = try SourcesConfig.decode(
            yaml: Self.good, file: "binwatch.yml", environment: ["PGUSER_FOR_TEST": "mon", "PW": "pa$$word"])
        let source = try #require(config.postgres.first)
        #expect(source.name == "wms")
        #expect(source.dsn.reveal() == "host=/tmp user=mon password=pa$$word")
        #expect(source.queryTimeout == PromDuration(seconds: 5))
        #expect(source.collectorFiles.map(\.pattern) == ["collectors/*.yml"])
        #expect(source.collectorFiles.first?.location == SourceLocation(file: "binwatch.yml", line: 8, column: 25))
        #expect(source.labels == Labels(["job": "postgres-exporter"]))
    }

    @Test func theIssuesExampleMessage() {
        let yaml = """
            sources:
              postgres:
                - name: wms
                  dsn: ""
                  collector_files: [x.yml]
                  query_timeout: soon
            """
        #expect(Self.errors(yaml) == [
            "binwatch.yml:6:22: sources.postgres[0].query_timeout: expected a duration like 5s, found \"soon\"",
        ])
    }

    @Test(arguments: [
        ("sources:\n  postgres:\n    - name: a\n      dsn: ''\n      collector_files: [x]\n      colector_files: [y]\n",
         "binwatch.yml:6:7: sources.postgres[0].colector_files: expected one of the keys name, dsn, query_timeout, collector_files, labels, collectors, found unknown key \"colector_files\""),
        ("sources:\n  postgres:\n    - dsn: ''\n      collector_files: [x]\n",
         "binwatch.yml:3:7: sources.postgres[0].name: expected a source name, found no such key"),
        ("sources:\n  postgres:\n    - name: a\n      dsn: ${NOPE_NOT_SET}\n      collector_files: [x]\n",
         "binwatch.yml:4:12: sources.postgres[0].dsn: expected environment variable NOPE_NOT_SET to be set, found it unset"),
        ("sources:\n  postgres:\n    - name: a\n      dsn: ''\n      collector_files: []\n",
         "binwatch.yml:5:24: sources.postgres[0].collector_files: expected at least one collector file glob, found an empty list"),
        ("sources:\n  postgres:\n    - name: a\n      dsn: ''\n      collector_files: [x]\n      labels: {__job: x}\n",
         "binwatch.yml:6:16: sources.postgres[0].labels.__job: expected a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __, found \"__job\""),
        ("sources:\n  postgres: {name: a}\n",
         "binwatch.yml:2:13: sources.postgres: expected a list of PostgreSQL sources, found a mapping"),
        ("sources:\n  mysql: []\n",
         "binwatch.yml:2:3: sources.mysql: expected one of the keys postgres, scrape, statistics, probes, textfile, found unknown key \"mysql\""),
        ("sources:\n  postgres:\n  - name: a\n    dsn: ''\n    collector_files: [x]\n  - name: a\n    dsn: ''\n    collector_files: [y]\n",
         "binwatch.yml:6:5: sources.postgres[1]: expected a source name not used before, found \"a\" again (first at binwatch.yml:3:5)"),
        ("sources: [\n", "binwatch.yml:2:1: expected valid YAML, found did not find expected node content"),
    ])
    func badConfigs(yaml: String, message: String) {
        #expect(Self.errors(yaml) == [message])
    }

    @Test func everyErrorIsReportedNotJustTheFirst() {
        let yaml = "sources:\n  postgres:\n    - name: ''\n      dsn: ''\n      query_timeout: 5\n      collector_files: x\n"
        #expect(Self.errors(yaml).count == 3)
    }

    @Test func sourcesWithTheSameLabelsAreRejected() {
        let yaml = "sources:\n  postgres:\n  - {name: a, dsn: '', collector_files: [x]}\n  - {name: b, dsn: '', collector_files: [x]}\n"
        #expect(Self.errors(yaml).first?.contains("labels that tell this source apart from \"a\"") == true)
    }

    @Test func theDSNNeverAppearsInErrors() {
        let yaml = "sources:\n  postgres:\n    - name: a\n      dsn: \"host=/tmp password=hunter2 oops\"\n      collector_files: [x]\n"
        let errors = Self.errors(yaml)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("binwatch.yml:4:12: sources.postgres[0].dsn: expected a libpq connection string or URI") == true)
        #expect(errors.allSatisfy { !$0.contains("hunter2") })
    }

    @Test func collectorsIsAnAliasOfCollectorFiles() throws {
        let yaml = "sources:\n  postgres:\n    - {name: a, dsn: '', collectors: [c/*.yml]}\n"
        let config = try SourcesConfig.decode(yaml: yaml, file: "b.yml", environment: [:])
        #expect(config.postgres.first?.collectorFiles.map(\.pattern) == ["c/*.yml"])
        #expect(config.postgres.first?.collectorFiles.first?.keyPath == "sources.postgres[0].collectors[0]")
        let both = "sources:\n  postgres:\n    - {name: a, dsn: '', collectors: [x], collector_files: [y]}\n"
        #expect(Self.errors(both) == [
            "binwatch.yml:3:38: sources.postgres[0].collectors: expected collector_files or collectors, not both, found both",
        ])
    }

    @Test func everySourceKindIsDecodedNoneLeftOver() throws {
        let yaml = """
            sources:
              scrape:
                - {job_name: api, static_configs: [{targets: ["h:1"]}]}
              probes:
                putaway: {facility: F, bins_file: b.json, items_file: i.json}
              postgres: []
            """
        let config = try SourcesConfig.decode(yaml: yaml, file: "b.yml", environment: [:])
        #expect(config.postgres.isEmpty)
        #expect(config.scrape.map(\.jobName) == ["api"])
        #expect(config.probes.putaway.map(\.facility) == ["F"])
        #expect(config.notDecoded.isEmpty)
    }

    @Test func aFileWithoutSourcesHasNone() throws {
        #expect(try SourcesConfig.decode(yaml: "global: {}\n", file: "b.yml", environment: [:]).postgres.isEmpty)
    }

    static func errors(_ yaml: String) -> [String] {
        do {
            _ = try SourcesConfig.decode(yaml: yaml, file: "binwatch.yml", environment: [:])
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }
}
