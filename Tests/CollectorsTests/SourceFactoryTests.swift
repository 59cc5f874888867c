import Collectors
import Foundation
import Model
import Testing

/// The factory `binwatch collect` and the daemon share: every decoded source kind becomes a
/// runnable `Source`, from a config file or from text already read.
@Suite struct SourceFactoryTests {
    @Test func postgresSourcesFromTheConfigText() throws {
        let directory = try SourcesLoaderTests.directory(["cache.yml": SourcesLoaderTests.collector("cache")])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("binwatch.yml").path
        let text = """
            sources:
              textfile: [{name: files, path: /x.prom}]
              postgres:
                - {name: wms, dsn: "host=/tmp dbname=wms", collector_files: [collectors/*.yml]}
                - {name: erp, dsn: "host=/tmp dbname=erp", collector_files: [collectors/*.yml], labels: {db: erp}}
            """
        let loaded = try SourcesLoader.loadAll(yaml: text, configPath: path, environment: [:])
        #expect(loaded.notDecoded == ["\(path):2:13: sources.textfile"])
        let sources = try loaded.makeSources()
        #expect(sources.map(\.name) == ["wms", "erp"])
        let erp = try #require(sources.last as? PostgresSource)
        #expect(erp.collectors.map(\.collectorName) == ["cache"])
        #expect(erp.labels["db"] == "erp")
    }

    @Test func fileAndTextGiveTheSameSources() throws {
        let directory = try SourcesLoaderTests.directory(["cache.yml": SourcesLoaderTests.collector("cache")])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("binwatch.yml").path
        let fromFile = try SourcesLoader.loadAll(configPath: path, environment: [:]).makeSources()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let fromText = try SourcesLoader.loadAll(yaml: text, configPath: path, environment: [:]).makeSources()
        #expect(fromFile.map(\.name) == fromText.map(\.name))
        #expect(fromFile.map(\.name) == ["wms"])
    }
}
