@testable import Collectors
import Exposition
import Foundation
import Model
import Testing

/// `ScrapeSource` against real loopback HTTP targets (Fixtures/scrape_test_server.py).
@Suite struct ScrapeSourceTests {
    static let goodPage = """
        # HELP wms_requests_total Requests served.
        # TYPE wms_requests_total counter
        wms_requests_total{route="/graphql"} 42
        wms_requests_total{route="/health"} 7
        # TYPE wms_latency_seconds histogram
        wms_latency_seconds_bucket{le="0.1"} 3
        wms_latency_seconds_bucket{le="+Inf"} 5
        wms_latency_seconds_sum 0.9
        wms_latency_seconds_count 5

        """

    static func job(
        _ name: String = "graphql-api", targets: [(String, Labels)], path: String, timeout: Int64 = 5,
        honorLabels: Bool = false, params: [(name: String, values: [String])] = []
    ) -> ScrapeJobConfig {
        ScrapeJobConfig(
            jobName: name, targets: targets.map { .init(address: $0.0, labels: $0.1) }, metricsPath: path, scheme: "http",
            scrapeTimeout: PromDuration(seconds: timeout), honorLabels: honorLabels, params: params,
            location: SourceLocation(file: "binwatch.yml", line: 1, column: 1))
    }

    static func value(_ families: [MetricFamily], _ sample: String, _ labels: [String: String]) -> Double? {
        families.flatMap(\.samples).first { $0.name == sample && $0.labels == Labels(labels) }?.value
    }

    @Test func aGoodPageGetsJobInstanceAndStaticLabelsAndUp1() async throws {
        let server = try await ScrapeTargetServer()
        defer { server.stop() }
        try server.page("good", Self.goodPage)
        let source = ScrapeSource(config: Self.job(targets: [(server.address, Labels(["tier": "api"]))], path: "/pages/good"))
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        let target = ["job": "graphql-api", "instance": server.address, "tier": "api"]
        #expect(report.targets.map(\.up) == [true])
        #expect(report.targets.first?.error == nil)
        #expect(Self.value(report.families, "wms_requests_total", target.merging(["route": "/graphql"]) { a, _ in a }) == 42)
        #expect(Self.value(report.families, "wms_latency_seconds_bucket", target.merging(["le": "0.1"]) { a, _ in a }) == 3)
        #expect(Self.value(report.families, "up", target) == 1)
        #expect(Self.value(report.families, "scrape_samples_scraped", target) == 6)
        #expect(Self.value(report.families, "scrape_series_added", target) == 6)
        let duration = try #require(Self.value(report.families, "scrape_duration_seconds", target))
        // Positive and within the job's timeout; tighter wall-clock bounds flake on a loaded
        // two-core machine and belong in benchmarks.
        #expect(duration > 0 && duration <= 10)
        #expect(report.families.first { $0.name == "wms_requests_total" }?.type == .counter)
        #expect(report.families.first { $0.name == "wms_requests_total" }?.help == "Requests served.")
        // The whole pass encodes (families contiguous, histogram valid).
        let text = try TextEncoder().encode(report.families)
        #expect(text.contains("wms_requests_total{instance=\"\(server.address)\",job=\"graphql-api\",route=\"/health\",tier=\"api\"} 7\n"))

        // Second pass: the same series, none added; one more series (a new family: the strict
        // parser refuses a family split in two), one added.
        let again = await source.collectReport(at: Timestamp(milliseconds: 30_000))
        #expect(Self.value(again.families, "scrape_series_added", target) == 0)
        try server.page("good", Self.goodPage + "wms_queue_depth 3\n")
        let third = await source.collectReport(at: Timestamp(milliseconds: 60_000))
        #expect(Self.value(third.families, "scrape_series_added", target) == 1)
        #expect(Self.value(third.families, "scrape_samples_scraped", target) == 7)
    }

    @Test func aBadPageIsUp0WithLineAndColumn() async throws {
        let server = try await ScrapeTargetServer()
        defer { server.stop() }
        try server.page("bad", "# TYPE x counter\nx{a=\"1\" 3\n")
        let source = ScrapeSource(config: Self.job(targets: [(server.address, Labels())], path: "/pages/bad"))
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        let target = ["job": "graphql-api", "instance": server.address]
        #expect(Self.value(report.families, "up", target) == 0)
        #expect(Self.value(report.families, "scrape_samples_scraped", target) == 0)
        #expect(!report.families.contains { $0.name == "x" })
        let error = try #require(report.targets.first?.error)
        #expect(error.hasPrefix("http://\(server.address): invalid exposition at 2:"))
        // The parser's own message (what it expected there) is kept.
        let expected = try #require(Self.parserMessage("# TYPE x counter\nx{a=\"1\" 3\n"))
        #expect(error.hasSuffix(expected))
    }

    static func parserMessage(_ text: String) -> String? {
        do {
            _ = try TextParser().parse(text)
            return nil
        } catch {
            return error.errors.first.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test func status500IsUp0() async throws {
        let server = try await ScrapeTargetServer()
        defer { server.stop() }
        let source = ScrapeSource(config: Self.job(targets: [(server.address, Labels())], path: "/status/500"))
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(Self.value(report.families, "up", ["job": "graphql-api", "instance": server.address]) == 0)
        #expect(report.targets.first?.error == "http://\(server.address): server returned HTTP status 500")
    }

    @Test func aHungTargetIsUp0WithinItsTimeoutAndDoesNotDelayTheOthers() async throws {
        let server = try await ScrapeTargetServer()
        defer { server.stop() }
        try server.page("good", Self.goodPage)
        let refused = try await ScrapeTargetServer()
        let refusedAddress = refused.address
        await refused.shutDown()  // nothing listens there any more: connection refused
        // One job, three targets: the hung one has the job's 1s timeout, the good one answers at once.
        var config = Self.job(
            targets: [(server.address, Labels(["t": "hang"])), (server.address, Labels(["t": "hang-too"])), (refusedAddress, Labels())],
            path: "/pages/good", timeout: 1)
        config.metricsPath = "/hang"
        let hanging = ScrapeSource(config: config)
        // The good job's timeout is generous: it must be up however loaded the machine is.
        let good = ScrapeSource(config: Self.job("other", targets: [(server.address, Labels())], path: "/pages/good", timeout: 60))
        async let slowPass = hanging.collectReport(at: Timestamp(milliseconds: 0))
        async let fastPass = good.collectReport(at: Timestamp(milliseconds: 0))
        let (slow, fast) = await (slowPass, fastPass)
        #expect(slow.targets.map(\.up) == [false, false, false])
        #expect(slow.targets[0].error?.contains("http://\(server.address)") == true)
        #expect(slow.targets[0].error?.lowercased().contains("timed out") == true, "\(slow.targets[0].error ?? "")")
        #expect(Self.value(fast.families, "up", ["job": "other", "instance": server.address]) == 1)
        // curl itself aborted the hung transfer at the 1s timeout (its message says so), and the
        // other job's target answered (up 1) in the same pass. No
        // wall-clock upper bound: other suites in this process (the CLI tests run binwatch
        // synchronously) may hold the cooperative threads these tasks resume on.
        let hungDuration = try #require(Self.value(slow.families, "scrape_duration_seconds",
                                                   ["job": "graphql-api", "instance": server.address, "t": "hang"]))
        #expect(hungDuration >= 0.9)
    }

    @Test func conflictingLabelsAreExportedUnlessHonored() async throws {
        let server = try await ScrapeTargetServer()
        defer { server.stop() }
        try server.page("conflict", "m{job=\"inner\",instance=\"pod-1\",exported_job=\"taken\",k=\"v\"} 1\n")
        let plain = ScrapeSource(config: Self.job(targets: [(server.address, Labels())], path: "/pages/conflict"))
        let renamed = await plain.collectReport(at: Timestamp(milliseconds: 0))
        #expect(Self.value(renamed.families, "m", [
            "job": "graphql-api", "instance": server.address, "exported_job": "taken",
            "exported_exported_job": "inner", "exported_instance": "pod-1", "k": "v",
        ]) == 1)

        let honoring = ScrapeSource(config: Self.job(targets: [(server.address, Labels())], path: "/pages/conflict", honorLabels: true))
        let kept = await honoring.collectReport(at: Timestamp(milliseconds: 0))
        #expect(Self.value(kept.families, "m", ["job": "inner", "instance": "pod-1", "exported_job": "taken", "k": "v"]) == 1)
        // The report series always carry the target's own labels.
        #expect(Self.value(kept.families, "up", ["job": "graphql-api", "instance": server.address]) == 1)
    }

    @Test func paramsAndAcceptHeaderReachTheTarget() async throws {
        let server = try await ScrapeTargetServer()
        defer { server.stop() }
        let source = ScrapeSource(config: Self.job(
            targets: [(server.address, Labels())], path: "/query", params: [("a", ["x y"]), ("module", ["wms", "b&c"])]))
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        let sample = try #require(report.families.first { $0.name == "seen" }?.samples.first)
        #expect(sample.labels["q"] == "a=x%20y&module=wms&module=b%26c")
        #expect(sample.labels["accept"] == "text/plain;version=0.0.4")
    }

    @Test func aPageReusingAReportNameIsRefused() async throws {
        let server = try await ScrapeTargetServer()
        defer { server.stop() }
        try server.page("up", "up 1\nother 2\n")
        let source = ScrapeSource(config: Self.job(targets: [(server.address, Labels())], path: "/pages/up"))
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(Self.value(report.families, "up", ["job": "graphql-api", "instance": server.address]) == 0)
        #expect(report.targets.first?.error?.contains("reserves for the scrape's own series") == true)
        #expect(!report.families.contains { $0.name == "other" })
        _ = try TextEncoder().encode(report.families)
    }
}
