import Model
import PromQL
import Rules

/// `/api/v1/rules` as Prometheus answers it (groups, rules with health, alerts per rule),
/// filtered and paged by `RulesFilter`.
enum RulesAPI {
    /// The answer to a request with `params`: (HTTP status, JSON body).
    static func response(_ groups: [Scheduler.GroupStatus], _ params: RequestParameters) -> (Int, String) {
        switch RulesFilter.parse(params) {
        case .failure(let refusal): return (400, APIJSON.error("bad_data", refusal.message))
        case .success(let filter): return body(groups, filter)
        }
    }

    static func body(_ groups: [Scheduler.GroupStatus], _ filter: RulesFilter = RulesFilter()) -> (Int, String) {
        var page: [String] = []
        var nextToken: String?
        var foundToken = filter.nextToken == nil
        for group in groups {
            if !foundToken {
                guard RulesFilter.token(file: group.file, group: group.name) == filter.nextToken else { continue }
                foundToken = true
            }
            guard filter.keeps(group: group), let json = groupJSON(group, filter) else { continue }
            if let limit = filter.groupLimit, page.count == limit {
                // One group past the page: there is a next page, and this group starts it.
                nextToken = RulesFilter.token(file: group.file, group: group.name)
                break
            }
            page.append(json)
        }
        if let token = filter.nextToken, !foundToken {
            return (400, APIJSON.error("bad_data",
                "invalid parameter \"group_next_token\": invalid group_next_token '\(token)'. were rule groups changed?"))
        }
        let next = nextToken.map { ",\"groupNextToken\":\(APIJSON.quote($0))" } ?? ""
        return (200, APIJSON.success("{\"groups\":[" + page.joined(separator: ",") + "]" + next + "}"))
    }

    /// A group's JSON with the rules the filter keeps; nil when it keeps none.
    static func groupJSON(_ group: Scheduler.GroupStatus, _ filter: RulesFilter) -> String? {
            let lastEvaluation = group.lastEvaluation.map(APIJSON.time) ?? APIJSON.zeroTime
            let rules = group.rules.enumerated().compactMap { index, rule -> String? in
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
                    guard filter.alerting, filter.keeps(ruleNamed: alerting.name, labels: alerting.labels) else { return nil }
                    let alerts = alerting.active.keys.sorted().compactMap { alerting.active[$0] }.filter { $0.state != .inactive }
                    let state = alerts.contains { $0.state == .firing } ? "firing" : alerts.isEmpty ? "inactive" : "pending"
                    return "{\"state\":\(APIJSON.quote(state)),\"name\":\(APIJSON.quote(alerting.name)),"
                        + "\"query\":\(APIJSON.quote(alerting.expr)),\"duration\":\(APIJSON.seconds(alerting.holdDuration)),"
                        + "\"keepFiringFor\":\(APIJSON.seconds(alerting.keepFiringFor)),"
                        + "\"labels\":\(APIJSON.labels(Labels(alerting.labels.map { Label(name: $0.key, value: $0.value) }))),"
                        + "\"annotations\":\(APIJSON.labels(Labels(alerting.annotations.map { Label(name: $0.key, value: $0.value) }))),"
                        + "\"alerts\":[\(filter.excludeAlerts ? "" : alerts.map(AlertsAPI.alertJSON).joined(separator: ","))],"
                        + common + "\"type\":\"alerting\"}"
                case .recording(let recording):
                    guard filter.recording, filter.keeps(ruleNamed: recording.name, labels: recording.labels) else { return nil }
                    return "{\"name\":\(APIJSON.quote(recording.name)),\"query\":\(APIJSON.quote(recording.expr)),"
                        + "\"labels\":\(APIJSON.labels(Labels(recording.labels.map { Label(name: $0.key, value: $0.value) }))),"
                        + common + "\"type\":\"recording\"}"
                }
            }
            if rules.isEmpty { return nil }
            return "{\"name\":\(APIJSON.quote(group.name)),\"file\":\(APIJSON.quote(group.file)),"
                + "\"rules\":[\(rules.joined(separator: ","))],\"interval\":\(APIJSON.seconds(group.interval)),"
                + "\"limit\":\(group.limit),\"evaluationTime\":\(PromFloat.format(group.evaluationSeconds)),\"lastEvaluation\":\(lastEvaluation)}"
    }
}
