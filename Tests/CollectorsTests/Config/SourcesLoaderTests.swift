import Collectors
import Foundation
import Model
import Testing

@Suite struct SourcesLoaderTests {
    /// A temporary directory with binwatch.yml and the given collector files under collectors/.
    static func directory(_ collectors: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("collectors"), withIntermediateDirectories: true)
        let config = """
            sources:
              postgres:
                - name: wms
                  dsn: "host=/tmp dbname=wms"
                  collector_files: [collectors/*.yml]
            """
        try Data(config.utf8).write(to: directory.appendingPathComponent("binwatch.yml"))
        for (name, text) in collectors {
            try Data(text.utf8).write(to: directory.appendingPathComponent("collectors/\(name)"))
        }
        return directory
    }

    static func collector(_ name: String, metric: String = "m", help: String = "h") -> String {
        "collector_name: \(name)\nmetrics:\n  - {metric_name: \(metric), type: gauge, help: '\(help)', values: [v], query: SELECT 1 AS v}\n"
    }

    static func errors(_ directory: URL) -> [String] {
        do {
            _ = try SourcesLoader.load(configPath: directory.appendingPathComponent("binwatch.yml").path, environment: [:])
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func globsAreRelativeToTheConfigAndSorted() throws {
        let directory = try Self.directory(["b.yml": Self.collector("b"), "a.yml": Self.collector("a", metric: "n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try SourcesLoader.load(configPath: directory.appendingPathComponent("binwatch.yml").path, environment: [:])
        #expect(loaded.map(\.config.name) == ["wms"])
        #expect(loaded.first?.collectors.map(\.collectorName) == ["a", "b"])
        #expect(loaded.first?.collectors.first?.file == directory.path + "/collectors/a.yml")
    }

    @Test func oneFamilyFromTwoCollectorsIsFineWhenTheyAgree() throws {
        let directory = try Self.directory(["a.yml": Self.collector("a"), "b.yml": Self.collector("b")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Self.errors(directory).isEmpty)
    }

    @Test func conflictingFamiliesAndDuplicateCollectorsAreErrors() throws {
        let directory = try Self.directory([
            "a.yml": Self.collector("a"), "b.yml": Self.collector("b", help: "other"), "c.yml": Self.collector("a", metric: "z"),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = directory.path + "/collectors"
        #expect(Self.errors(directory) == [
            "\(base)/b.yml:3:5: metrics[0].metric_name: expected the same type and help as \"m\" in collector \"a\" at \(base)/a.yml:3:5, found gauge \"other\"",
            "\(base)/c.yml:1:1: collector_name: expected a collector name unique in source \"wms\", found \"a\" also in \(base)/a.yml",
        ])
    }

    @Test func errorsInCollectorFilesNameThoseFiles() throws {
        let directory = try Self.directory(["a.yml": "collector_name: a\nmetrics: []\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Self.errors(directory) == [
            "\(directory.path)/collectors/a.yml:2:10: metrics: expected at least one metric, found an empty list",
        ])
    }

    @Test func aMissingConfigFile() {
        #expect(Self.errors(URL(fileURLWithPath: "/nonexistent-binwatch")) == [
            "/nonexistent-binwatch/binwatch.yml: expected a configuration file, found no such file",
        ])
    }
}
