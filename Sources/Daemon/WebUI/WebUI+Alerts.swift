import Foundation
import Model
import Notify
import PromQL
import Rules

extension WebUI {
    /// Alerts per page: 10,000 firing alerts on one page would be megabytes of HTML.
    static let alertsPerPage = 200

    /// `/alerts`: pending and firing alerts by rule, filtered by `state` and by `filter`
    /// (label matchers in Prometheus's syntax, `{severity="critical", zone=~"a.*"}`), each
    /// marked when an active silence mutes it, with a link that pre-fills a silence.
    func alertsPage(_ page: PageRequest) -> PageAnswer {
        let state = page.params["state"] ?? "all"
        let filterText = page.params["filter"] ?? ""
        let window = PageWindow(page.params, size: Self.alertsPerPage)
        var matched = 0
        var matchers: [Matcher] = []
        var filterError: String?
        if !filterText.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                matchers = try MatcherParser.parse(filterText)
            } catch {
                filterError = error.message
            }
        }
        let active = (alertmanager.silences?.all() ?? []).filter { $0.isActive(at: page.now) }
        var order: [String] = []
        var byRule: [String: [[String: Any]]] = [:]
        for alert in page.view.alerts {
            guard state == "all" || alert.state.rawValue == state else { continue }
            guard matchers.allSatisfy({ $0.matches(alert.labels[$0.name] ?? "") }) else { continue }
            matched += 1
            guard window.shows(matched) else { continue }
            let rule = alert.labels["alertname"] ?? ""
            if byRule[rule] == nil { order.append(rule) }
            let pairs = alert.labels.map { "\($0.name)=\(GoQuote.quote($0.value))" }
            byRule[rule, default: []].append([
                "anchor": "alert-" + WebFormat.anchor(rule) + "-" + alert.labels.fingerprintHex,
                "state": alert.state.rawValue,
                "silenced": active.contains { $0.matches(alert.labels) },
                "activeAt": WebFormat.time(alert.activeAt), "value": WebFormat.value(alert.value),
                "labels": alert.labels.map { ["name": $0.name, "value": $0.value] },
                "annotations": alert.annotations.map { ["name": $0.name, "value": $0.value] },
                "silenceMatchers": pairs.joined(separator: ", ")
                    .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
            ])
        }
        let rules: [[String: Any]] = order.map { rule in
            let alerts = byRule[rule] ?? []
            return ["name": rule, "anchor": WebFormat.anchor(rule), "alerts": alerts, "count": alerts.count]
        }
        var context: [String: Any] = [
            "states": ["all", "firing", "pending"].map { value -> [String: Any] in
                ["value": value, "label": value == "all" ? "firing and pending" : value, "selected": value == state]
            },
            "filter": filterText, "rules": rules,
        ]
        context.merge(window.context(matched: matched, filters: [("state", state == "all" ? "" : state), ("filter", filterText)])) { $1 }
        if let filterError { context["filterError"] = filterError }
        return .render(status: filterError == nil ? 200 : 400, template: "alerts", context: context)
    }
}
