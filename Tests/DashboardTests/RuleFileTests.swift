import Foundation
import Model
import PromQL
import Testing

/// The rule set in rules/: every expression parses with binwatch's PromQL parser and
/// names only metrics binwatch exports or records; every alert is labelled, documented
/// in the runbook and unit-tested.
struct RuleFileTests {
    @Test func exportedMetricListIsValid() throws {
        let catalog = try MetricCatalog.load()
        #expect(catalog.exported.count >= 50)
        #expect(catalog.exported.contains("batch_putaway_processing_time_ms_bucket"))
        #expect(throws: CatalogError.self) { try MetricCatalog.parseList("ok_name\nbad-name\n") }
        #expect(try MetricCatalog.parseList("# c\n\na_total  # trailing\n") == ["a_total"])
    }

    @Test func everyRuleExpressionParsesAndNamesKnownMetrics() throws {
        let catalog = try MetricCatalog.load()
        var checked = 0
        for (file, ruleFile) in try RuleFile.all() {
            for group in ruleFile.groups {
                for rule in group.rules {
                    let name = rule.alert ?? rule.record ?? "?"
                    let expr: Expr
                    do {
                        expr = try Parser.parseExpr(rule.expr)
                    } catch {
                        Issue.record("\(file): \(name): \(error)")
                        continue
                    }
                    let names = try metricNames(in: expr)
                    #expect(!names.isEmpty, "\(file): \(name) selects no metric")
                    for metric in names {
                        #expect(catalog.allowed.contains(metric), "\(file): \(name) uses \(metric), which binwatch neither exports nor records")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= 30)
    }

    @Test func recordedNamesFollowTheLevelMetricOperationsConvention() throws {
        let catalog = try MetricCatalog.load()
        #expect(!catalog.recorded.isEmpty)
        for name in catalog.recorded {
            #expect(name.split(separator: ":", omittingEmptySubsequences: false).count == 3, "\(name)")
            #expect(!catalog.exported.contains(name), "\(name) is both recorded and listed as exported")
        }
    }

    @Test func everyAlertHasSeverityAnnotationsRunbookSectionAndTest() throws {
        let runbook = try Repo.text("monitoring/runbook.md")
        let anchors = Set(runbook.split(separator: "\n").filter { $0.hasPrefix("## ") }
            .map { $0.dropFirst(3).lowercased().trimmingCharacters(in: .whitespaces) })
        let tests = try Repo.files(in: "rules/tests", extension: "yml")
            .map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        var alerts: [String] = []
        for (file, ruleFile) in try RuleFile.all() {
            for rule in ruleFile.groups.flatMap(\.rules) {
                guard let alert = rule.alert else { continue }
                alerts.append(alert)
                #expect(["critical", "warning", "info"].contains(rule.labels?["severity"] ?? ""), "\(file): \(alert) severity")
                #expect(rule.for != nil, "\(file): \(alert) has no for")
                for key in ["summary", "description", "runbook_url"] {
                    let value = rule.annotations?[key] ?? ""
                    #expect(value.isEmpty == false, "\(file): \(alert) lacks \(key)")
                }
                let url = rule.annotations?["runbook_url"] ?? ""
                #expect(url == "https://github.com/binwatch/binwatch/blob/main/monitoring/runbook.md#\(alert.lowercased())", "\(alert): \(url)")
                #expect(anchors.contains(alert.lowercased()), "monitoring/runbook.md has no section ## \(alert)")
                // A firing assertion in a unit test (not only `exp_alerts: []`).
                #expect(tests.contains("alertname: \(alert)\n        exp_alerts:\n"), "rules/tests has no firing test for \(alert)")
            }
        }
        #expect(Set(alerts).count == alerts.count, "duplicate alert names")
        // The seeds' alerts (merged: BinCacheStale, BatchProcessingTimeSlow) and the probe's.
        let expected: Set<String> = [
            "BinUtilizationCacheStale", "BinUtilizationCacheDegraded", "MLModelAccuracyLow", "MLModelAccuracyDegraded",
            "GraphQLEndpointDown", "DatabaseConnectionFailed", "StatisticalServiceFailed", "QueryPerformanceSlow",
            "HighRecommendationRejectionRate", "NoRecentRecommendations", "InsufficientSampleSize", "HighOutlierCount",
            "PutawayProcessingTimeCritical", "PutawayProcessingTimeSlow", "BinOptimizationErrorRateHigh",
            "PutawayAcceptanceRateLow", "PutawayConfidenceLow", "PutawayProbeFailing", "PutawayCapacityViolations",
        ]
        #expect(expected.subtracting(alerts).isEmpty, "missing: \(expected.subtracting(alerts).sorted())")
    }
}
