import Model
import Notify

extension AlertmanagerAPI {
    /// What both alert endpoints need at one request: the alerts not resolved, each with its
    /// status (silences from the state file, inhibition over the same alerts) and receivers.
    struct Judged {
        var received: ReceivedAlert
        var status: APIAlertStatus
        var routes: [Route]
    }

    /// The parsed `filter`, `receiver`, `active`, `silenced`, `inhibited` parameters.
    struct AlertQuery {
        var matchers: [Matcher]
        var receiver: Matcher?
        var active: Bool
        var silenced: Bool
        var inhibited: Bool

        /// Alertmanager's `alertFilter`: the state flags, then the label filter.
        func admits(_ judged: Judged) -> Bool {
            if !active && judged.status.state == "active" { return false }
            if !silenced && !judged.status.silencedBy.isEmpty { return false }
            if !inhibited && !judged.status.inhibitedBy.isEmpty { return false }
            return AlertmanagerAPI.matchesFilter(matchers, judged.received.alert.labels)
        }
    }

    /// Parses the query; a bad matcher or receiver regex is a 400 with the reason as a JSON
    /// string. `unprocessed` is accepted and, as in Alertmanager 0.25, changes nothing: the
    /// API judges every alert before answering, so none is unprocessed.
    func alertQuery(_ query: String) -> Result<AlertQuery, Answer> {
        let items = RequestParameters(query: query)
        let matchers: [Matcher]
        switch Self.filters(items) {
        case .success(let parsed): matchers = parsed
        case .failure(let error): return .failure(Answer(400, AlertmanagerJSON.message(error.message)))
        }
        var receiver: Matcher?
        if let pattern = items["receiver"] {
            do {
                receiver = try Matcher(.regexMatch, "receiver", pattern)
            } catch {
                return .failure(Answer(400, AlertmanagerJSON.message("failed to parse receiver param: \(error)")))
            }
        }
        return .success(AlertQuery(
            matchers: matchers, receiver: receiver, active: Self.flag("active", in: items),
            silenced: Self.flag("silenced", in: items), inhibited: Self.flag("inhibited", in: items)))
    }

    /// Every alert not resolved at `now`, judged.
    func judgeAlerts(at now: Timestamp) -> [Judged] {
        guard let snapshot = pipeline?.snapshot(at: now) else { return [] }
        let activeSilences = silences?.active(at: now) ?? []
        let alerts = snapshot.alerts.map(\.alert)
        return snapshot.alerts.map { received in
            let labels = received.alert.labels
            let silencedBy = activeSilences.filter { $0.matches(labels) }.map(\.id).sorted()
            let inhibitor = Inhibitor.inhibitor(
                of: labels, rules: snapshot.config.inhibitRules, among: alerts, at: now)
            return Judged(
                received: received,
                status: APIAlertStatus(silencedBy: silencedBy, inhibitedBy: inhibitor.map { [$0.labels.fingerprintHex] } ?? []),
                routes: snapshot.config.route.match(labels))
        }
    }

    /// `GET /api/v2/alerts`: by fingerprint, each with every receiver its routes reach.
    func alerts(query: String) -> Answer {
        let parsed: AlertQuery
        switch alertQuery(query) {
        case .success(let value): parsed = value
        case .failure(let answer): return answer
        }
        let listed = judgeAlerts(at: now()).filter { judged in
            let receivers = judged.routes.map(\.options.receiver)
            if let filter = parsed.receiver, !receivers.contains(where: filter.matches) { return false }
            return parsed.admits(judged)
        }
        .sorted { $0.received.alert.labels.fingerprintHex < $1.received.alert.labels.fingerprintHex }
        let body = listed.map { judged in
            AlertmanagerJSON.alert(judged.received, status: judged.status, receivers: judged.routes.map(\.options.receiver))
        }
        return Answer(200, "[" + body.joined(separator: ",") + "]")
    }

    /// `GET /api/v2/alerts/groups`: the dispatcher's aggregation groups (route and group
    /// labels) rebuilt from the same alerts, as Alertmanager's `Dispatcher.Groups` lists them:
    /// groups without an admitted alert are left out; groups by labels then receiver, alerts
    /// in notification order; an alert's receivers are those of the groups it is listed in.
    func groups(query: String) -> Answer {
        let parsed: AlertQuery
        switch alertQuery(query) {
        case .success(let value): parsed = value
        case .failure(let answer): return answer
        }
        struct Group {
            var receiver: String
            var labels: Labels
            var members: [Judged]
        }
        var groups: [String: Group] = [:]
        var receiversByAlert: [UInt64: [String]] = [:]
        for judged in judgeAlerts(at: now()) where parsed.admits(judged) {
            for route in judged.routes {
                let receiver = route.options.receiver
                if let filter = parsed.receiver, !filter.matches(receiver) { continue }
                let labels = route.groupLabels(for: judged.received.alert.labels)
                let key = route.id + "\u{0}" + labels.fingerprintHex
                groups[key, default: Group(receiver: receiver, labels: labels, members: [])].members.append(judged)
                receiversByAlert[judged.received.alert.fingerprint, default: []].append(receiver)
            }
        }
        let ordered = groups.values.sorted { a, b in
            a.labels == b.labels ? a.receiver < b.receiver : Notify.Alert.labelSetBefore(a.labels, b.labels)
        }
        let body = ordered.map { group -> String in
            let alerts = group.members.sorted { Notify.Alert.notificationOrder($0.received.alert, $1.received.alert) }.map { judged in
                AlertmanagerJSON.alert(
                    judged.received, status: judged.status, receivers: receiversByAlert[judged.received.alert.fingerprint] ?? [])
            }
            return "{\"alerts\":[\(alerts.joined(separator: ","))],\"labels\":\(APIJSON.labels(group.labels)),"
                + "\"receiver\":\(AlertmanagerJSON.receiver(group.receiver))}"
        }
        return Answer(200, "[" + body.joined(separator: ",") + "]")
    }

    /// Alertmanager's `matchFilterLabels`: a filter with an empty value also admits an alert
    /// without the label (`=`/`=~`) or skips it when the label is present (`!=`/`!~`).
    static func matchesFilter(_ matchers: [Matcher], _ labels: Labels) -> Bool {
        for matcher in matchers {
            let value = labels[matcher.name]
            switch matcher.kind {
            case .notEqual, .regexNoMatch:
                if matcher.value.isEmpty && value != nil { continue }
            case .equal, .regexMatch:
                if matcher.value.isEmpty && value == nil { continue }
            }
            if !matcher.matches(value ?? "") { return false }
        }
        return true
    }
}
