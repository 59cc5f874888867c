import Model
import Rules

extension WebUI {
    /// `/`: health overall and per check, alert counts, sources, the last cycle and reload.
    func overview(_ page: PageRequest) -> PageAnswer {
        let view = page.view
        let daemon = view.daemon
        let checks: [[String: Any]] = (view.health?.checks ?? []).map { check in
            ["name": check.name, "status": check.status.name.lowercased(), "message": check.message]
        }
        let up = daemon.sources.filter { $0.up == true }.count
        let lastCycle = daemon.lastCycleSuccess.map {
            "\(WebFormat.time($0)) (\(WebFormat.age(from: $0, to: page.now)) ago), took \(WebFormat.seconds(daemon.lastCycleSeconds))"
        } ?? "no complete cycle yet"
        let reload = daemon.lastReloadSuccessful
            ? "successful" + (daemon.lastReloadSuccess.map { ", config loaded \(WebFormat.time($0))" } ?? "")
            : "FAILED: the previous configuration keeps running (\(daemon.reloadsFailed) failed reload(s); the log says why)"
        let started = alertmanager.startedAt
        return .render(status: 200, template: "overview", context: [
            "health": ["status": view.health?.status.name.lowercased() ?? "unknown", "checks": checks] as [String: Any],
            "hasChecks": !checks.isEmpty,
            "firing": view.alerts.filter { $0.state == .firing }.count,
            "pending": view.alerts.filter { $0.state == .pending }.count,
            "sourcesUp": up, "sourcesTotal": daemon.sources.count,
            "lastCycle": lastCycle, "cycles": daemon.cycles,
            "startedAt": WebFormat.time(started), "uptime": WebFormat.age(from: started, to: page.now),
            "reload": reload,
        ])
    }

    /// `/sources`: every source's last answer.
    func sourcesPage(_ page: PageRequest) -> PageAnswer {
        let sources: [[String: Any]] = page.view.daemon.sources.map { source in
            [
                "name": source.name, "up": source.up.map { $0 ? "true" : "false" } ?? "not yet gathered",
                "seconds": source.seconds.map(WebFormat.seconds) ?? "—", "samples": source.samples,
                "failures": source.failures, "timeouts": source.timeouts, "problems": source.problems,
            ]
        }
        return .render(status: 200, template: "sources", context: ["sources": sources])
    }

    /// `/status`: build, rule files and binwatch.yml with its secrets hidden.
    func statusPage(_ page: PageRequest) -> PageAnswer {
        let daemon = page.view.daemon
        return .render(status: 200, template: "status", context: [
            "prometheusAPI": BinwatchVersion.prometheusAPI, "startedAt": WebFormat.time(alertmanager.startedAt),
            "storeSeries": daemon.storeSeries, "storeSamples": daemon.storeSamples, "ruleFiles": daemon.ruleFiles,
            "config": daemon.configText,
        ])
    }
}
