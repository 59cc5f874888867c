import Foundation
import HTTPClient
import Model

/// Builds Alertmanager 0.25's OpsGenie Alert API v2 requests (`notify/opsgenie/opsgenie.go`):
/// a create (`POST v2/alerts`) while any alert fires, plus two updates with `update_alerts`;
/// a close (`POST v2/alerts/{alias}/close`) once all are resolved. The alias is the group
/// key's hash, so each group is one OpsGenie alert that later requests update or close.
enum OpsGeniePayload {
    /// OpsGenie's message limit, in runes.
    static let maxMessageRunes = 130

    static func requests(
        _ config: OpsGenieConfig, group: GroupKey, data: TemplateData, renderer: any NotificationTemplateRenderer
    ) throws(NotifyError) -> [IntegrationRequest] {
        typealias Default = DefaultTemplates.OpsGenie
        func render(_ t: TemplateString, _ def: String = "") throws(NotifyError) -> String {
            try t.render(data, renderer: renderer, default: def)
        }
        let alias = group.hash
        let source = try render(config.source, Default.source)
        if data.status == .resolved {
            var close = JSONWriter.Object()
            close.add("source", source)
            let url = endpoint(config.apiURL, path: "v2/alerts/\(alias)/close", byAlias: true)
            return [IntegrationRequest(url: url, body: JSONWriter.encode(.object(close)) + "\n")]
        }

        var details: [String: String] = [:]
        for label in data.commonLabels { details[label.name] = label.value }
        for (key, value) in config.details { details[key] = try render(value) }
        let (message, _) = truncateInRunes(try render(config.message, Default.message), maxMessageRunes)
        let description = try render(config.description, Default.description)

        var create = JSONWriter.Object()
        create.add("alias", alias)
        create.add("message", message)
        create.addIfNotEmpty("description", description)
        create.add("details", .stringMap(details.map { ($0.key, $0.value) }))
        create.add("source", source)
        let responders = try responderObjects(config.responders, render: render)
        if !responders.isEmpty { create.add("responders", .array(responders)) }
        let tags = safeSplit(try render(config.tags))
        if !tags.isEmpty { create.add("tags", .array(tags.map { .string($0) })) }
        create.addIfNotEmpty("note", try render(config.note))
        create.addIfNotEmpty("priority", try render(config.priority))
        create.addIfNotEmpty("entity", try render(config.entity))
        let actions = safeSplit(try render(config.actions))
        if !actions.isEmpty { create.add("actions", .array(actions.map { .string($0) })) }

        var requests = [IntegrationRequest(
            url: endpoint(config.apiURL, path: "v2/alerts", byAlias: false), body: JSONWriter.encode(.object(create)) + "\n")]
        if config.updateAlerts {
            var updateMessage = JSONWriter.Object()
            updateMessage.addIfNotEmpty("message", message)
            var updateDescription = JSONWriter.Object()
            updateDescription.addIfNotEmpty("description", description)
            requests.append(IntegrationRequest(
                method: .put, url: endpoint(config.apiURL, path: "v2/alerts/\(alias)/message", byAlias: true),
                body: JSONWriter.encode(.object(updateMessage)) + "\n"))
            requests.append(IntegrationRequest(
                method: .put, url: endpoint(config.apiURL, path: "v2/alerts/\(alias)/description", byAlias: true),
                body: JSONWriter.encode(.object(updateDescription)) + "\n"))
        }
        return requests
    }

    /// The responders as sent: empty ones dropped (they may be filled from labels), type
    /// `teams` expanded into one `team` per comma-separated name.
    private static func responderObjects(
        _ responders: [OpsGenieConfig.Responder], render: (TemplateString, String) throws(NotifyError) -> String
    ) throws(NotifyError) -> [JSONValue] {
        var out: [JSONValue] = []
        func object(id: String, name: String, username: String, type: String) -> JSONValue {
            var responder = JSONWriter.Object()
            responder.addIfNotEmpty("id", id)
            responder.addIfNotEmpty("name", name)
            responder.addIfNotEmpty("username", username)
            responder.add("type", type)
            return .object(responder)
        }
        for responder in responders {
            let id = try render(responder.id, ""), name = try render(responder.name, "")
            let username = try render(responder.username, ""), type = try render(responder.type, "")
            if id.isEmpty && name.isEmpty && username.isEmpty && type.isEmpty { continue }
            if type == "teams" {
                for team in safeSplit(name) { out.append(object(id: "", name: team, username: "", type: "team")) }
                continue
            }
            out.append(object(id: id, name: name, username: username, type: type))
        }
        return out
    }

    /// Go's `safeSplit`: the text trimmed, split on `,`, empty parts dropped (parts keep
    /// their own spaces, as 0.25 sends them).
    static func safeSplit(_ text: String) -> [String] {
        text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",", omittingEmptySubsequences: true)
            .map(String.init)
    }

    /// `api_url` + `path`, with `identifierType=alias` for the requests naming the alert
    /// by alias (a query the base URL already has is kept).
    static func endpoint(_ base: String, path: String, byAlias: Bool) -> String {
        var root = base
        var query: [String] = []
        if let question = base.firstIndex(of: "?") {
            root = String(base[..<question])
            query.append(String(base[base.index(after: question)...]))
        }
        if byAlias { query.append("identifierType=alias") }
        return root + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }
}
