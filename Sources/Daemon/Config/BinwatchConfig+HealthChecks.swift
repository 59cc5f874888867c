import Foundation
import ConfigYAML
import Model
import PromQL
import Rules

extension BinwatchConfig {
    static let healthCheckKeys = [
        "name", "expr", "degraded_above", "degraded_below", "unhealthy_above", "unhealthy_below", "message",
    ]

    /// `health_checks:`: each `{name, expr, degraded_above|degraded_below,
    /// unhealthy_above|unhealthy_below, message}`, thresholds all on one side.
    static func decodeHealthChecks(_ node: ConfigNode) -> [HealthCheckConfig] {
        guard let items = node.sequence(expected: "a list of health checks") else { return [] }
        var checks: [HealthCheckConfig] = []
        var names = Set<String>()
        for item in items {
            guard let check = decodeHealthCheck(item) else { continue }
            if !names.insert(check.name).inserted {
                item.fail(expected: "unique health check names", found: "\"\(check.name)\" twice")
                continue
            }
            checks.append(check)
        }
        return checks
    }

    private static func decodeHealthCheck(_ item: ConfigNode) -> HealthCheckConfig? {
        guard let entries = item.mapping(allowed: healthCheckKeys) else { return nil }
        var ok = true
        let name = entries["name"]?.nonEmptyString(expected: "a check name")
        if entries["name"] == nil { item.fail(expected: "a name key", found: "none") }
        if let name, !MetricNames.isValidLabelName(name.replacingOccurrences(of: "-", with: "_")) {
            entries["name"]?.fail(expected: "a name of letters, digits, _ and - (it becomes a label value and a JSON key)")
            ok = false
        }
        if name == HealthReport.overallCheck {
            entries["name"]?.fail(
                expected: "a name other than \"overall\" (bin_optimization_health_status{check=\"overall\"} is the worst of all checks)")
            ok = false
        }

        var expr: Expr?
        let exprText = entries["expr"]?.string(expected: "a PromQL expression")
        if entries["expr"] == nil { item.fail(expected: "an expr key", found: "none") }
        if let exprText, let exprNode = entries["expr"] {
            do {
                let parsed = try Parser.parseExpr(exprText)
                if parsed.type == .vector || parsed.type == .scalar {
                    expr = parsed
                } else {
                    exprNode.fail(expected: "an expression of type vector or scalar", found: parsed.type.documentedName)
                }
            } catch {
                exprNode.fail(expected: "a valid PromQL expression", found: "\(error)")
            }
        }

        var direction: HealthCheckConfig.Direction?
        var degraded: Double?
        var unhealthy: Double?
        for (level, keyPair) in [("degraded", ("degraded_above", "degraded_below")), ("unhealthy", ("unhealthy_above", "unhealthy_below"))] {
            let above = entries[keyPair.0]
            let below = entries[keyPair.1]
            if above != nil && below != nil {
                (below ?? item).fail(expected: "only one of \(keyPair.0) and \(keyPair.1)", found: "both")
                ok = false
                continue
            }
            guard let thresholdNode = above ?? below, let value = thresholdNode.double() else {
                if above != nil || below != nil { ok = false }
                continue
            }
            let side: HealthCheckConfig.Direction = above != nil ? .above : .below
            if let direction, direction != side {
                thresholdNode.fail(
                    expected: "thresholds on one side (all _above or all _below)", found: "\(level)_\(side.rawValue)")
                ok = false
            }
            direction = direction ?? side
            if level == "degraded" { degraded = value } else { unhealthy = value }
        }
        if degraded == nil && unhealthy == nil && ok {
            item.fail(expected: "at least one of degraded_above, degraded_below, unhealthy_above, unhealthy_below", found: "none")
            ok = false
        }
        if let degraded, let unhealthy, let direction {
            let ordered = direction == .above ? unhealthy >= degraded : unhealthy <= degraded
            if !ordered {
                entries["unhealthy_\(direction.rawValue)"]?.fail(
                    expected: "the unhealthy threshold \(direction == .above ? "at or above" : "at or below") the degraded one (\(degraded))")
                ok = false
            }
        }

        var message = "{{ $value }}"
        if let messageNode = entries["message"], let text = messageNode.string(expected: "a Go template") {
            do {
                _ = try AlertTemplate.parse(text, alert: name ?? "health")
                message = text
            } catch {
                messageNode.fail(expected: "a valid Go template", found: "\(error)")
                ok = false
            }
        }
        guard ok, let name, let expr, let exprText, let direction else { return nil }
        return HealthCheckConfig(
            name: name, expr: expr, exprText: exprText, direction: direction, degraded: degraded, unhealthy: unhealthy,
            message: message, location: item.location)
    }
}
