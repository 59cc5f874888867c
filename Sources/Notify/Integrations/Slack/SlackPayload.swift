import Model

/// Builds Alertmanager 0.25's Slack request body (`notify/slack/slack.go`).
enum SlackPayload {
    /// Slack's attachment title limit, in runes.
    static let maxTitleRunes = 1024

    /// The JSON body, with Go's field order, omissions and trailing newline.
    static func body(
        _ config: SlackConfig, data: TemplateData, renderer: (any NotificationTemplateRenderer)?
    ) throws(NotifyError) -> String {
        func render(_ t: TemplateString, _ def: (TemplateData) -> String = { _ in "" }) throws(NotifyError) -> String {
            try t.render(data, renderer: renderer, default: def)
        }
        let title = try render(config.title, DefaultTemplates.subject)
        let (truncatedTitle, _) = truncateInRunes(title, maxTitleRunes)

        var attachment = JSONWriter.Object()
        attachment.addIfNotEmpty("title", truncatedTitle)
        attachment.addIfNotEmpty("title_link", try render(config.titleLink, DefaultTemplates.alertmanagerURL))
        attachment.addIfNotEmpty("pretext", try render(config.pretext))
        attachment.add("text", try render(config.text))
        attachment.add("fallback", try render(config.fallback, DefaultTemplates.slackFallback))
        attachment.add("callback_id", try render(config.callbackID))
        if !config.fields.isEmpty {
            var fields: [JSONValue] = []
            for field in config.fields {
                var object = JSONWriter.Object()
                object.add("title", try render(field.title))
                object.add("value", try render(field.value))
                object.add("short", .bool(field.short ?? config.shortFields))
                fields.append(.object(object))
            }
            attachment.add("fields", .array(fields))
        }
        attachment.addIfNotEmpty("image_url", try render(config.imageURL))
        attachment.addIfNotEmpty("thumb_url", try render(config.thumbURL))
        attachment.add("footer", try render(config.footer))
        attachment.addIfNotEmpty("color", try render(config.color, DefaultTemplates.slackColor))
        if !config.mrkdwnIn.isEmpty { attachment.add("mrkdwn_in", .array(config.mrkdwnIn.map { .string($0) })) }

        var request = JSONWriter.Object()
        request.addIfNotEmpty("channel", try render(config.channel))
        request.addIfNotEmpty("username", try render(config.username) { _ in "Alertmanager" })
        request.addIfNotEmpty("icon_emoji", try render(config.iconEmoji))
        request.addIfNotEmpty("icon_url", try render(config.iconURL))
        if config.linkNames { request.add("link_names", .bool(true)) }
        request.add("attachments", .array([.object(attachment)]))
        return JSONWriter.encode(.object(request)) + "\n"
    }
}
