@testable import Daemon
import Foundation
import Model
import PostgresTesting
import Rules

/// A real PostgreSQL holding the example warehouse (examples/warehouse, loaded with psql
/// as its README says, at small sizes) and examples/binwatch.yml pointed at it: the
/// end-to-end tests run the example config itself, with only its paths moved into a
/// temporary workspace.
struct ExampleWarehouse {
    /// The repository root (this file is Tests/DaemonTests/EndToEnd/ExampleWarehouse.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL.path

    let server: TestPostgres
    let workspace: Workspace

    /// The example config's evaluation interval, the step of the tests' clock.
    static let interval: Int64 = 30

    /// Starts PostgreSQL, loads the warehouse (seed 0.42: FAC-03's cache is 40 minutes old,
    /// its ML accuracy about 60%) and writes the example config into a workspace.
    static func start(recommendations: Int = 1000, bins: Int = 200) async throws -> ExampleWarehouse {
        let server = try await TestPostgres()
        do {
            try await server.psql("CREATE DATABASE wms")
            try await server.psql(file: root + "/examples/warehouse/schema.sql", database: "wms")
            try await server.psql(
                file: root + "/examples/warehouse/generate.sql",
                variables: ["seed": "0.42", "recommendations": "\(recommendations)", "bins": "\(bins)"], database: "wms")
            let workspace = try Workspace()
            try FileManager.default.createDirectory(atPath: workspace.path("textfile"), withIntermediateDirectories: true)
            try workspace.write("binwatch.yml", try exampleConfig(in: workspace))
            return ExampleWarehouse(server: server, workspace: workspace)
        } catch {
            server.stop()
            throw error
        }
    }

    /// examples/binwatch.yml with its rule, collector, textfile and state paths moved.
    static func exampleConfig(in workspace: Workspace) throws -> String {
        var text = try String(contentsOfFile: root + "/examples/binwatch.yml", encoding: .utf8)
        let moves = [
            ("- ../rules/*.yml", "- \(root)/rules/*.yml"),
            ("collector_files: [collectors/*.yml]", "collector_files: [\(root)/examples/collectors/*.yml]"),
            ("textfile: /var/lib/prometheus/node-exporter/binwatch.prom", "textfile: \(workspace.path("textfile/binwatch.prom"))"),
            ("path: /var/lib/binwatch/state.sqlite", "path: \(workspace.path("state.sqlite"))"),
            // The whole interval (and the scheduler's timeout clock stretches it twenty-fold,
            // PatientClock): the test steps time by hand, and a loaded CI machine can take more
            // than the example's 10 s for the 24 collector queries. For the same reason each
            // query may run as long as the source may, not the example's 5 s.
            ("source_timeout: 10s", "source_timeout: 30s"),
            ("query_timeout: 5s", "query_timeout: 10m"),
        ]
        for (old, new) in moves {
            guard text.contains(old) else { throw SetupError(description: "examples/binwatch.yml no longer contains \(old)") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// The loaded example config, its DSN pointing at this server's `wms` database.
    func load() throws(ConfigLoadErrors) -> LoadedConfig {
        // The receivers' secrets must be set for the config to load; nothing is delivered
        // here (the scheduler's alerts go to the test's recording sink).
        try ConfigLoader(environment: [
            "BINWATCH_PG_DSN": server.socketConninfo(database: "wms"),
            "BINWATCH_SLACK_WEBHOOK_URL": "http://127.0.0.1:9/slack", "BINWATCH_PAGERDUTY_ROUTING_KEY": "test-key",
        ]).load(path: workspace.path("binwatch.yml"))
    }

    var textfile: String { workspace.path("textfile/binwatch.prom") }

    /// The evaluation time of cycle `k` of the tests' clock.
    static func cycle(_ k: Int64) -> Timestamp { Timestamp(milliseconds: t0.milliseconds + k * interval * 1000) }

    func stop() {
        server.stop()
        workspace.remove()
    }

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }
}

extension Scheduler {
    /// The pending or firing alert `name` for `facility`, if any.
    func alert(_ name: String, facility: String? = nil) -> Alert? {
        activeAlerts().first { alert in
            alert.labels["alertname"] == name && (facility == nil || alert.labels["facility"] == facility)
        }
    }

    /// Where group `name`'s evaluations fall: its first slot after `start`.
    func firstSlot(ofGroup name: String, after start: Timestamp) -> Timestamp? {
        runtime.groups.first { $0.group.name == name }?.group.firstEvaluationTimestamp(after: start)
    }
}
