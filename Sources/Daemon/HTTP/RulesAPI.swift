import Model
import PromQL
import Rules

/// `/api/v1/rules` as Prometheus answers it (groups, rules with health, alerts per rule).
enum RulesAPI {
    static func body(_ groups: [Scheduler.GroupStatus]) -> String {
        let groupsJSON = groups.map { group in
            let lastEvaluation = group.lastEvaluation.map(APIJSON.time) ?? APIJSON.zeroTime
            let rules = group.rules.enumerated().map { index, rule -> String in
                let error = group.lastErrors[rule.name]
                // Per rule, as Prometheus's rule.GetEvaluationDuration/GetEvaluationTimestamp:
                // seconds and the wall time the rule started; Go's zero time before its first run.
                let evaluated = index < group.ruleEvaluations.count ? group.ruleEvaluations[index] : nil
                var common = "\"health\":\(APIJSON.quote(evaluated == nil ? "unknown" : error == nil ? "ok" : "err")),"
                if let error { common += "\"lastError\":\(APIJSON.quote(error)),"}
                common += "\"evaluationTime\":\(evaluated.map { PromFloat.format($0.seconds) } ?? "0"),"
                common += "\"lastEvaluation\":\(evaluated.map { APIJSON.time($0.at) } ?? APIJSON.zeroTime),"
                switch rule {
                case .alerting(let alerting):
                    let alerts = alerting.active.keys.sorted().compactMap { alerting.active[$0] }.filter { $0.state != .inactive }
                    let state = alerts.contains { $0.state == .firing } ? "firing" : alerts.isEmpty ? "inactive" : "pending"
                    return "{\"state\":\(APIJSON.quote(state)),\"name\":\(APIJSON.quote(alerting.name)),"
                        + "\"query\":\(APIJSON.quote(alerting.expr)),\"duration\":\(APIJSON.seconds(alerting.holdDuration)),"
                        + "\"keepFiringFor\":\(APIJSON.seconds(alerting.keepFiringFor)),"
                        + "\"labels\":\(APIJSON.labels(Labels(alerting.labels.map { Label(name: $0.key, value: $0.value) }))),"
                        + "\"annotations\":\(APIJSON.labels(Labels(alerting.annotations.map { Label(name: $0.key, value: $0.value) }))),"
                        + "\"alerts\":[\(alerts.map(AlertsAPI.alertJSON).joined(separator: ","))],"
                        + common + "\"type\":\"alerting\"}"
                case .recording(let recording):
                    return "{\"name\":\(APIJSON.quote(recording.name)),\"query\":\(APIJSON.quote(recording.expr)),"
                        + "\"labels\":\(APIJSON.labels(Labels(recording.labels.map { Label(name: $0.key, value: $0.value) }))),"
                        + common + "\"type\":\"recording\"}"
                }
            }
            return "{\"name\":\(APIJSON.quote(group.name)),\"file\":\(APIJSON.quote(group.file)),"
                + "\"rules\":[\(rules.joined(separator: ","))],\"interval\":\(APIJSON.seconds(group.interval)),"
                + "\"limit\":\(group.limit),\"evaluationTime\":\(PromFloat.format(group.evaluationSeconds)),\"lastEvaluation\":\(lastEvaluation)}"
        }
        return APIJSON.success("{\"groups\":[" + groupsJSON.joined(separator: ",") + "]}")
    }
}
