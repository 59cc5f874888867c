@testable import Collectors
import Model
import PackingCore
import Testing

@Suite struct ProbeConfigTests {
    static let postgres = """
        sources:
          postgres:
            - name: wms
              dsn: ""
              collector_files: [x.yml]
          probes:
        """

    @Test func decodesAProbeOnAPostgresSource() throws {
        let yaml = Self.postgres + """

                putaway:
                  facility: FAC-01
                  algorithm: BFD
                  batch_size: 25
                  bins_from: wms
                  items_from: wms
                  time_budget_ms: 20
                  bins_refresh_interval: 10m
                  labels: {site: plant-1}
            """
        let config = try SourcesConfig.decode(yaml: yaml, file: "/etc/binwatch/binwatch.yml", environment: [:])
        #expect(config.notDecoded.isEmpty)
        let probe = try #require(config.probes.putaway.first)
        #expect(probe.facility == "FAC-01")
        #expect(probe.algorithm == .bfd)
        #expect(probe.batchSize == 25)
        #expect(probe.bins == .postgres(source: "wms", query: PutawayProbeQueries.bins))
        #expect(probe.items == .postgres(source: "wms", query: PutawayProbeQueries.items))
        #expect(probe.timeBudgetMs == 20)
        #expect(probe.binsRefreshInterval == PromDuration(seconds: 600))
        #expect(probe.interval == PromDuration(seconds: 0))
        #expect(probe.labels == Labels(["site": "plant-1"]))
    }

    @Test func filesAreRelativeToTheConfigAndAListGivesSeveralProbes() throws {
        let yaml = """
            sources:
              probes:
                putaway:
                  - {facility: FAC-01, bins_file: probes/bins.json, items_file: /abs/items.json}
                  - {facility: FAC-02, algorithm: FFD, bins_file: probes/bins.json, items_file: probes/items.json, interval: 1m}
            """
        let config = try SourcesConfig.decode(yaml: yaml, file: "/etc/binwatch/binwatch.yml", environment: [:])
        #expect(config.probes.putaway.map(\.facility) == ["FAC-01", "FAC-02"])
        #expect(config.probes.putaway.first?.bins == .file("/etc/binwatch/probes/bins.json"))
        #expect(config.probes.putaway.first?.items == .file("/abs/items.json"))
        #expect(config.probes.putaway.first?.algorithm == .hybrid)
        #expect(config.probes.putaway.first?.batchSize == 50)
        #expect(config.probes.putaway.last?.interval == PromDuration(seconds: 60))
    }

    static let files = "      bins_file: b.json\n      items_file: i.json\n"

    @Test(arguments: [
        ("sources:\n  probes:\n    putaway:\n" + files,
         "binwatch.yml:4:7: sources.probes.putaway.facility: expected a facility id (the facility label), found no such key"),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      algorithm: GREEDY\n" + files,
         "binwatch.yml:5:18: sources.probes.putaway.algorithm: expected FFD, BFD or HYBRID, found \"GREEDY\""),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      batch_size: 0\n" + files,
         "binwatch.yml:5:19: sources.probes.putaway.batch_size: expected an integer from 1 to 10000, found \"0\""),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      time_budget_ms: fast\n" + files,
         "binwatch.yml:5:23: sources.probes.putaway.time_budget_ms: expected an integer from 0 to 60000, found \"fast\""),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      bins_refresh_interval: 0s\n" + files,
         "binwatch.yml:5:30: sources.probes.putaway.bins_refresh_interval: expected a duration greater than 0s, found \"0s\""),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      interval: often\n" + files,
         "binwatch.yml:5:17: sources.probes.putaway.interval: expected a duration like 5s, found \"often\""),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      items_file: i.json\n",
         "binwatch.yml:4:7: sources.probes.putaway.bins_from: expected bins_from (a sources.postgres name) or bins_file (a JSON file), found no such key"),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      bins_from: wms\n      items_file: i.json\n",
         "binwatch.yml:5:18: sources.probes.putaway.bins_from: expected the name of a sources.postgres entry (there is none), found \"wms\""),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      bins_from: wms\n" + files,
         "binwatch.yml:6:18: sources.probes.putaway.bins_file: expected bins_from or bins_file, not both, found both"),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      bins_query: SELECT 1\n" + files,
         "binwatch.yml:5:19: sources.probes.putaway.bins_query: expected bins_query only with bins_from, found bins_query with bins_file"),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      labels: {facility: x}\n" + files,
         "binwatch.yml:5:16: sources.probes.putaway.labels.facility: expected a label other than facility and algorithm (set by their own keys), found \"facility\""),
        ("sources:\n  probes:\n    putaway:\n      facility: F\n      bins_fom: x\n" + files,
         "binwatch.yml:5:7: sources.probes.putaway.bins_fom: expected one of the keys facility, algorithm, batch_size, bins_from, bins_file, bins_query, items_from, items_file, items_query, time_budget_ms, bins_refresh_interval, interval, labels, found unknown key \"bins_fom\""),
        ("sources:\n  probes:\n    dns: {}\n",
         "binwatch.yml:3:5: sources.probes.dns: expected one of the keys putaway, found unknown key \"dns\""),
        ("sources:\n  probes:\n    putaway:\n      - {facility: F, bins_file: b, items_file: i}\n      - {facility: F, bins_file: c, items_file: i}\n",
         "binwatch.yml:5:9: sources.probes.putaway[1]: expected a facility, algorithm or labels that tell this probe apart, found the same as the probe at binwatch.yml:4:9"),
    ])
    func errorsNameLineAndColumn(yaml: String, expected: String) {
        #expect(ScrapeConfigTests.errors(yaml) == [expected])
    }

    @Test func aPostgresSourceNamedByBinsFromIsChecked() {
        let yaml = Self.postgres + "\n    putaway: {facility: F, bins_from: wmz, items_from: wms}\n"
        #expect(ScrapeConfigTests.errors(yaml) == [
            "binwatch.yml:7:39: sources.probes.putaway.bins_from: expected the name of a sources.postgres entry (\"wms\"), found \"wmz\"",
        ])
    }
}
