@testable import Collectors
import Exposition
import Foundation
import Model
import PackingCore
import PostgresClient
import PostgresTesting
import Testing

/// `PutawayProbeSource` against a real PostgreSQL holding the example warehouse, and against
/// the fixture pair in examples/probes.
@Suite struct PutawayProbeSourceTests {
    static func config(
        bins: PutawayProbeConfig.Input, items: PutawayProbeConfig.Input, algorithm: PutawayAlgorithm = .hybrid,
        batchSize: Int = 20, interval: Int64 = 0
    ) -> PutawayProbeConfig {
        PutawayProbeConfig(
            facility: "FAC-01", algorithm: algorithm, batchSize: batchSize, bins: bins, items: items, timeBudgetMs: 0,
            binsRefreshInterval: PromDuration(seconds: 300), interval: PromDuration(seconds: interval),
            labels: Labels(["site": "plant-1"]), location: SourceLocation(file: "binwatch.yml", line: 1, column: 1))
    }

    static let labels = ["facility": "FAC-01", "algorithm": "HYBRID", "site": "plant-1"]

    static func value(_ families: [MetricFamily], _ sample: String, _ extra: [String: String] = [:]) -> Double? {
        let wanted = Labels(labels.merging(extra) { _, new in new })
        return families.flatMap(\.samples).first { $0.name == sample && $0.labels == wanted }?.value
    }

    static func session(_ server: TestPostgres) throws -> Connection {
        try Connection(conninfo: Secret(server.socketConninfo), options: ConnectionOptions(backoff: .init(initial: .zero, maximum: .zero)))
    }

    static func count(_ server: TestPostgres, _ sql: String) async throws -> Int {
        let text = try await server.psql(sql).trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(Int(text), "psql gave \(text)")
    }

    /// The default bins query with `$1` bound, for psql.
    static let binsForFAC01 = PutawayProbeQueries.bins.replacingOccurrences(of: "$1", with: "'FAC-01'")

    @Test func theExampleWarehouseProbesCleanAndTheHistogramsAccumulate() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await WarehouseDatabase.load(into: server)
        let session = try Self.session(server)
        let source = PutawayProbeSource(
            config: Self.config(bins: .postgres(source: "wms", query: PutawayProbeQueries.bins),
                                items: .postgres(source: "wms", query: PutawayProbeQueries.items)),
            binsExecutor: session, itemsExecutor: session)
        defer { Task { await source.close() } }

        let first = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(first.success, "problems: \(first.problems)")
        #expect(Self.value(first.families, "probe_success") == 1)
        #expect(Self.value(first.families, "putaway_probe_capacity_violations") == 0)
        let bins = try await Self.count(server, "SELECT count(*) FROM (\(Self.binsForFAC01)) b")
        #expect(Self.value(first.families, "putaway_probe_bins") == Double(bins))
        // Contradictory bins are the deliberate over-capacity ones, as psql counts them.
        let contradictory = try await Self.count(server, """
            SELECT count(*) FROM (\(Self.binsForFAC01)) b
            WHERE used_cubic_feet > cubic_feet OR used_weight_lbs > max_weight_lbs
            """)
        #expect(Self.value(first.families, "putaway_probe_bins_rejected") == Double(contradictory))
        // The generator keeps lots within the weight limit except a deliberate ~1% (it used to
        // overload about a quarter of the bins); the cube overloads are its deliberate few.
        let overweight = try await Self.count(server, """
            SELECT count(*) FROM (\(Self.binsForFAC01)) b WHERE used_weight_lbs > max_weight_lbs
            """)
        #expect(overweight <= bins / 25, "\(overweight) of \(bins) example bins are over their weight limit")
        #expect(contradictory <= bins / 8, "\(contradictory) of \(bins) example bins are over capacity")
        #expect(Self.value(first.families, "batch_putaway_processing_time_ms_count") == 1)
        let recommendations = try #require(Self.value(first.families, "putaway_recommendation_confidence_score_count"))
        #expect(recommendations >= 20)
        #expect(Self.value(first.families, "putaway_recommendation_confidence_score_bucket", ["le": "+Inf"]) == recommendations)
        let duration = try #require(Self.value(first.families, "probe_duration_seconds"))
        #expect(duration > 0)  // measured; how fast is Benchmarks/packing's business, not a test's
        _ = try TextEncoder().encode(first.families)

        // Each collect adds one batch; the bins stay indexed until the refresh interval.
        try await server.psql("""
            UPDATE storage_locations SET is_active = false WHERE location_id IN
              (SELECT location_id FROM storage_locations WHERE facility_id = 'FAC-01' ORDER BY location_id LIMIT 10)
            """)
        let second = await source.collectReport(at: Timestamp(milliseconds: 60_000))
        #expect(Self.value(second.families, "probe_success") == 1)
        #expect(Self.value(second.families, "batch_putaway_processing_time_ms_count") == 2)
        let secondRecommendations = try #require(Self.value(second.families, "putaway_recommendation_confidence_score_count"))
        #expect(secondRecommendations > recommendations)
        #expect(Self.value(second.families, "putaway_probe_bins") == Double(bins))

        let third = await source.collectReport(at: Timestamp(milliseconds: 301_000))
        #expect(Self.value(third.families, "batch_putaway_processing_time_ms_count") == 3)
        let refreshed = try await Self.count(server, "SELECT count(*) FROM (\(Self.binsForFAC01)) b")
        #expect(refreshed < bins)
        #expect(Self.value(third.families, "putaway_probe_bins") == Double(refreshed))
        #expect(Self.value(third.families, "putaway_probe_capacity_violations") == 0)
    }

    @Test func theFixturePairRejectsItsContradictoryBin() async throws {
        let examples = WarehouseDatabase.repository.appendingPathComponent("examples/probes")
        let source = PutawayProbeSource(config: Self.config(
            bins: .file(examples.appendingPathComponent("bins.json").path),
            items: .file(examples.appendingPathComponent("items.json").path)))
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(Self.value(report.families, "probe_success") == 1)
        #expect(Self.value(report.families, "putaway_probe_bins_rejected") == 1)
        #expect(Self.value(report.families, "putaway_probe_bins") == 6)
        #expect(Self.value(report.families, "putaway_probe_capacity_violations") == 0)
        #expect(report.problems.contains { $0.contains("105.usedCubicFeet") })
        // Units placed + unplaced equal the fixture's 43 units.
        let plan = PutawayPlanner.plan(PutawayRequest(
            bins: try PutawayInput.bins(from: Data(contentsOf: examples.appendingPathComponent("bins.json")), file: "bins.json"),
            items: try PutawayInput.items(from: Data(contentsOf: examples.appendingPathComponent("items.json")), file: "items.json"),
            algorithm: .hybrid))
        #expect(Self.value(report.families, "putaway_probe_unplaced_items") == Double(plan.unplaced.reduce(0) { $0 + $1.quantity }))
        #expect(Self.value(report.families, "putaway_recommendation_confidence_score_count") == Double(plan.recommendations.count))
        let again = await source.collectReport(at: Timestamp(milliseconds: 1000))
        #expect(Self.value(again.families, "putaway_recommendation_confidence_score_count") == Double(2 * plan.recommendations.count))
    }

    @Test func anUnreachableDatabaseIsProbeSuccess0() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let session = try Self.session(server)
        try await server.stopServer()
        let source = PutawayProbeSource(
            config: Self.config(bins: .postgres(source: "wms", query: PutawayProbeQueries.bins),
                                items: .postgres(source: "wms", query: PutawayProbeQueries.items)),
            binsExecutor: session, itemsExecutor: session)
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(Self.value(report.families, "probe_success") == 0)
        #expect(Self.value(report.families, "batch_putaway_processing_time_ms_count") == 0)
        #expect(Self.value(report.families, "putaway_probe_capacity_violations") == nil)
        #expect(report.problems.first?.hasPrefix("cannot load the probe's input: bins_query on source \"wms\"") == true)
    }

    @Test func aMissingFixtureNamesTheFile() async {
        let source = PutawayProbeSource(config: Self.config(bins: .file("/nonexistent/bins.json"), items: .file("/nonexistent/items.json")))
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(!report.success)
        #expect(report.problems.first?.contains("/nonexistent/bins.json: cannot read file") == true)
    }

    @Test func theExampleQueriesAreTheDefaults() throws {
        let examples = WarehouseDatabase.repository.appendingPathComponent("examples/probes")
        let bins = try String(contentsOf: examples.appendingPathComponent("bins.sql"), encoding: .utf8)
        let items = try String(contentsOf: examples.appendingPathComponent("items.sql"), encoding: .utf8)
        #expect(bins.trimmingCharacters(in: .newlines) == PutawayProbeQueries.bins)
        #expect(items.trimmingCharacters(in: .newlines) == PutawayProbeQueries.items)
    }

    @Test func batchesRotateDeterministically() {
        let items = (0..<7).map {
            PutawayItem(materialId: "M\($0)", sku: "S\($0)", lotNumber: "", quantity: 1, unitDimensions: nil,
                        unitCubicFeet: 1, unitWeightLbs: 1)
        }
        let first = ProbeBatch.lines(from: items, sampled: true, size: 3, cycle: 0)
        let second = ProbeBatch.lines(from: items, sampled: true, size: 3, cycle: 1)
        #expect(first.map(\.materialId) == ["M0", "M1", "M2"])
        #expect(second.map(\.materialId) == ["M3", "M4", "M5"])
        #expect(ProbeBatch.lines(from: items, sampled: true, size: 3, cycle: 1) == second)
        #expect(second.allSatisfy { (1...12).contains($0.quantity) && $0.lotNumber.hasPrefix("PROBE-1-") })
        // A fixture keeps its own quantities and lots.
        #expect(ProbeBatch.lines(from: items, sampled: false, size: 10, cycle: 5).map(\.quantity) == Array(repeating: 1, count: 7))
    }
}
