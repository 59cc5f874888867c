import Foundation
import Model
import PromQL
import Testing

/// dashboards/bin-optimization.json: a current Grafana dashboard whose every query
/// parses with binwatch's PromQL parser and names only metrics binwatch produces.
struct DashboardTests {
    /// One target of one panel.
    struct Query {
        var panel: String
        var expr: String
    }

    static func dashboard() throws -> [String: Any] {
        let data = try Data(contentsOf: Repo.url("dashboards/bin-optimization.json"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CatalogError(message: "bin-optimization.json: top level is not an object")
        }
        return object
    }

    /// Panels, including those nested in collapsed rows.
    static func panels(_ dashboard: [String: Any]) -> [[String: Any]] {
        let top = dashboard["panels"] as? [[String: Any]] ?? []
        return top.flatMap { [$0] + ($0["panels"] as? [[String: Any]] ?? []) }
    }

    static func queries(_ dashboard: [String: Any]) -> [Query] {
        panels(dashboard).flatMap { panel in
            (panel["targets"] as? [[String: Any]] ?? []).map {
                Query(panel: panel["title"] as? String ?? "?", expr: $0["expr"] as? String ?? "")
            }
        }
    }

    @Test func isACurrentDashboardWithADatasourceVariable() throws {
        let dashboard = try Self.dashboard()
        #expect((dashboard["schemaVersion"] as? Int ?? 0) >= 39)
        #expect(dashboard["uid"] as? String == "bin-optimization")
        let variables = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        let datasource = try #require(variables.first { $0["name"] as? String == "datasource" })
        #expect(datasource["type"] as? String == "datasource")
        #expect(datasource["query"] as? String == "prometheus")
        // Panel ids unique, as Grafana needs them for links and edits.
        let ids = Self.panels(dashboard).compactMap { $0["id"] as? Int }
        #expect(ids.count == Self.panels(dashboard).count && Set(ids).count == ids.count)
    }

    @Test func everyPanelQueriesThroughTheDatasourceVariable() throws {
        let dashboard = try Self.dashboard()
        let dataPanels = Self.panels(dashboard).filter { $0["type"] as? String != "row" }
        #expect(dataPanels.count >= 20)
        for panel in dataPanels {
            let title = panel["title"] as? String ?? "?"
            #expect((panel["datasource"] as? [String: Any])?["uid"] as? String == "${datasource}", "\(title)")
            let targets = panel["targets"] as? [[String: Any]] ?? []
            #expect(!targets.isEmpty, "\(title) has no query")
            for target in targets {
                #expect((target["datasource"] as? [String: Any])?["uid"] as? String == "${datasource}", "\(title)")
                let expr = target["expr"] as? String ?? ""
                #expect(expr.isEmpty == false, "\(title)")
            }
        }
    }

    @Test func everyQueryParsesAndNamesOnlyProducedMetrics() throws {
        let catalog = try MetricCatalog.load()
        let queries = Self.queries(try Self.dashboard())
        var used = Set<String>()
        for query in queries {
            let text = substitutingGrafanaVariables(query.expr)
            #expect(!text.contains("$__"), "\(query.panel): unsubstituted Grafana variable in \(text)")
            let expr: Expr
            do {
                expr = try Parser.parseExpr(text)
            } catch {
                Issue.record("\(query.panel): \(text): \(error)")
                continue
            }
            for name in try metricNames(in: expr) {
                used.insert(name)
                #expect(catalog.allowed.contains(name), "\(query.panel): \(name) is neither exported nor recorded by binwatch")
            }
        }
        // The seeds' panels: health, cache age, ML accuracy, acceptance, processing time,
        // probe, recommendations, sample size, outliers, correlations, p-values, alerts.
        let required: Set<String> = [
            "bin_optimization_health_status", "bin_utilization_cache_age_seconds", "ml_model_accuracy_percentage",
            "putaway_acceptance_rate_percentage", "batch_putaway_processing_time_ms_bucket", "probe_success",
            "probe_duration_seconds", "putaway_recommendations_total", "statistical_analysis_sample_size",
            "statistical_analysis_outlier_count", "correlation_analysis_pearson_coefficient",
            "correlation_analysis_spearman_coefficient", "ab_test_p_value", "ALERTS",
        ]
        #expect(required.subtracting(used).isEmpty, "no panel shows \(required.subtracting(used).sorted())")
        let exprs = queries.map(\.expr)
        for q in ["0.50", "0.95", "0.99"] {
            #expect(exprs.contains { $0.hasPrefix("histogram_quantile(\(q), sum by (facility, algorithm, le) (rate(batch_putaway_processing_time_ms_bucket") })
        }
        #expect(exprs.contains("ALERTS{alertstate=\"firing\"}"))
    }

    @Test func facilityVariableReadsAnExportedMetric() throws {
        let catalog = try MetricCatalog.load()
        let variables = ((try Self.dashboard())["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        let facility = try #require(variables.first { $0["name"] as? String == "facility" })
        let query = try #require((facility["query"] as? [String: Any])?["query"] as? String)
        // label_values(<metric>, <label>) is Grafana's, not PromQL: check its metric by hand.
        #expect(query.hasPrefix("label_values("))
        let inner = query.dropFirst("label_values(".count).prefix { $0 != "," && $0 != "{" && $0 != ")" }
        #expect(catalog.exported.contains(String(inner)), "\(inner)")
    }

    @Test func grafanaVariablesAreSubstitutedBeforeParsing() throws {
        #expect(substitutingGrafanaVariables("rate(x[$__rate_interval])") == "rate(x[5m])")
        #expect(substitutingGrafanaVariables("increase(x[${__range}]) + y[$__interval]") == "increase(x[5m]) + y[5m]")
        // Unsubstituted, the parser rejects it: the substitution is what makes them parse.
        #expect(throws: ParseErrors.self) { try Parser.parseExpr("rate(x[$__rate_interval])") }
        let names = try metricNames(in: Parser.parseExpr("sum(rate(a_total[5m])) / on() {__name__=\"b\"}"))
        #expect(names == ["a_total", "b"])
        #expect(throws: CatalogError.self) { try metricNames(in: Parser.parseExpr("{__name__=~\"a.*\"}")) }
    }
}
