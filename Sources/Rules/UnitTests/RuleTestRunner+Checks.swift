import Model
import PromQL

extension TestGroupRun {
    /// Compares the firing alerts named in the tests at `evalTime` with the expected ones.
    func checkAlerts(at evalTime: PromDuration, groups: [RuleGroup]) -> [String] {
        var errors: [String] = []
        for alertTest in test.alertRuleTests where alertTest.evalTime == evalTime {
            var got: [RuleTestFormat.AlertEntry] = []
            for group in groups {
                for case .alerting(let rule) in group.rules where rule.name == alertTest.alertname {
                    got += rule.firingAlerts.map { RuleTestFormat.AlertEntry(labels: $0.labels, annotations: $0.annotations) }
                }
            }
            var expected = alertTest.expAlerts.map { alert in
                var labels = Labels(alert.labels)
                labels = Labels(labels.pairs.filter { $0.name != LabelName.alertName } + [Label(name: LabelName.alertName, value: alertTest.alertname)])
                return RuleTestFormat.AlertEntry(labels: labels, annotations: Labels(alert.annotations))
            }
            got.sort()
            expected.sort()
            guard got != expected else { continue }
            let name = test.name.isEmpty ? "" : "    name: \(test.name),\n"
            let pad = String(repeating: " ", count: 12)
            errors.append(
                "\(name)    alertname: \(alertTest.alertname), time: \(alertTest.evalTime), \n"
                    + "        exp:\(RuleTestFormat.indent(RuleTestFormat.alerts(expected), pad)), \n"
                    + "        got:\(RuleTestFormat.indent(RuleTestFormat.alerts(got), pad))")
        }
        return errors
    }

    /// Runs one `promql_expr_test` against the final store and compares the whole result.
    func checkExpression(_ exprTest: RuleTestFile.ExprTest, store: SeriesStore, engine: Engine) -> [String] {
        let prefix = "    expr: \(GoPrintf.goQuote(exprTest.expr)), time: \(exprTest.evalTime)"
        var got: [(labels: Labels, value: Double)]
        do {
            let expr = try Parser.parseExpr(exprTest.expr)
            let value = try engine.instantQuery(expr, at: start + exprTest.evalTime, on: store)
            got = try EngineQuery.samples(of: value).map { ($0.labels, $0.value) }
        } catch {
            return ["\(prefix), err: \(error)"]
        }
        var expected: [(labels: Labels, value: Double)] = []
        for sample in exprTest.expSamples {
            var labels = Labels()
            do {
                if !sample.labels.isEmpty {
                    let description = try SeriesNotation.parseSeries(sample.labels)
                    guard description.values.isEmpty else {
                        return ["\(prefix), err: labels \(GoPrintf.goQuote(sample.labels)): unexpected values after the label set"]
                    }
                    labels = description.labels
                }
            } catch {
                return ["\(prefix), err: labels \(GoPrintf.goQuote(sample.labels)): \(error)"]
            }
            if !sample.histogram.isEmpty {
                return ["\(prefix), err: labels \(GoPrintf.goQuote(sample.labels)): native histograms are not supported by binwatch"]
            }
            expected.append((labels, sample.value))
        }
        expected.sort { $0.labels < $1.labels }
        got.sort { $0.labels < $1.labels }
        let fuzzy = file.fuzzyCompare
        let equal = expected.count == got.count && zip(expected, got).allSatisfy { exp, got in
            exp.labels == got.labels && Self.floatsEqual(exp.value, got.value, fuzzy: fuzzy)
        }
        if equal { return [] }
        return [
            "\(prefix),\n        exp: \(RuleTestFormat.samples(expected))\n        got: \(RuleTestFormat.samples(got))"
        ]
    }

    /// `==` (so NaN never matches), or within one ULP with `fuzzy_compare`.
    static func floatsEqual(_ x: Double, _ y: Double, fuzzy: Bool) -> Bool {
        x == y || (fuzzy && (x.nextDown == y || x.nextUp == y))
    }
}
