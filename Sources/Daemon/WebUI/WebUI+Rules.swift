import Foundation
import Model
import Rules

extension WebUI {
    /// Rules per page: a page of 10,000 rules would be megabytes of HTML.
    static let rulesPerPage = 200

    /// `/rules`: groups and their rules with expression, health, last error, last evaluation
    /// and its duration; `search` keeps rules whose name or expression contains it, `health`
    /// keeps `ok`, `err` or `unknown` ones, `page` pages through what is kept.
    func rulesPage(_ page: PageRequest) -> PageAnswer {
        let search = page.params["search"] ?? ""
        let health = page.params["health"] ?? "all"
        let window = PageWindow(page.params, size: Self.rulesPerPage)
        var matched = 0, total = 0
        var groups: [[String: Any]] = []
        for group in page.view.groups {
            var rows: [[String: Any]] = []
            for (index, rule) in group.rules.enumerated() {
                total += 1
                let evaluated = index < group.ruleEvaluations.count ? group.ruleEvaluations[index] : nil
                let error = group.lastErrors[rule.name]
                let ruleHealth = evaluated == nil ? "unknown" : error == nil ? "ok" : "err"
                guard health == "all" || health == ruleHealth else { continue }
                let expr: String
                var row: [String: Any] = ["name": rule.name, "health": ruleHealth]
                switch rule {
                case .alerting(let alerting):
                    expr = alerting.expr
                    let states = alerting.active.values.map(\.state)
                    row["kind"] = "alert"
                    row["state"] = states.contains(.firing) ? "firing" : states.contains(.pending) ? "pending" : "inactive"
                case .recording(let recording):
                    expr = recording.expr
                    row["kind"] = "record"
                }
                guard search.isEmpty || rule.name.contains(search) || expr.contains(search) else { continue }
                matched += 1
                guard window.shows(matched) else { continue }
                row["expr"] = expr
                if let error { row["lastError"] = error }
                row["lastEvaluation"] = WebFormat.time(orNever: evaluated?.at)
                row["duration"] = evaluated.map { WebFormat.seconds($0.seconds) } ?? "—"
                rows.append(row)
            }
            guard !rows.isEmpty else { continue }
            groups.append([
                "name": group.name, "file": group.file, "anchor": WebFormat.anchor(group.file + "-" + group.name),
                "interval": group.interval.description, "lastEvaluation": WebFormat.time(orNever: group.lastEvaluation),
                "evaluationTime": WebFormat.seconds(group.evaluationSeconds), "rules": rows,
            ])
        }
        var context: [String: Any] = [
            "search": search, "groups": groups, "total": total,
            "healths": ["all", "ok", "err", "unknown"].map { value -> [String: Any] in
                ["value": value, "label": value, "selected": value == health]
            },
        ]
        context.merge(window.context(matched: matched, filters: [("search", search), ("health", health == "all" ? "" : health)])) { $1 }
        return .render(status: 200, template: "rules", context: context)
    }
}
