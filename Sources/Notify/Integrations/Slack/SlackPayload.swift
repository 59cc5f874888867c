import Model

/// Builds Alertmanager 0.25's Slack request body (`notify/slack/slack.go`).
enum SlackPayload {
    /// Slack's attachment title limit, in runes.
    static let maxTitleRunes = 1024

    /// The JSON body, with Go's field order, omissions and trailing newline.
    static func body(
        _ config: SlackConfig, data: TemplateData, renderer: any NotificationTemplateRenderer
    ) throws(NotifyError) -> String {
        typealias Default = DefaultTemplates.Slack
        func render(_ t: TemplateString, _ def: String = "") throws(NotifyError) -> String {
            try t.render(data, renderer: renderer, default: def)
        }
        let title = try render(config.title, Default.title)
        let (truncatedTitle, _) = truncateInRunes(title, maxTitleRunes)

        var attachment = JSONWriter.Object()
        attachment.addIfNotEmpty("title", truncatedTitle)
        attachment.addIfNotEmpty("title_link", try render(config.titleLink, Default.titleLink))
        attachment.addIfNotEmpty("pretext", try render(config.pretext, Default.pretext))
        attachment.add("text", try render(config.text, Default.text))
        attachment.add("fallback", try render(config.fallback, Default.fallback))
        attachment.add("callback_id", try render(config.callbackID, Default.callbackID))
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
        attachment.add("footer", try render(config.footer, Default.footer))
        attachment.addIfNotEmpty("color", try render(config.color, Default.color))
        if !config.mrkdwnIn.isEmpty { attachment.add("mrkdwn_in", .array(config.mrkdwnIn.map { .string($0) })) }

        var request = JSONWriter.Object()
        request.addIfNotEmpty("channel", try render(config.channel))
        request.addIfNotEmpty("username", try render(config.username, Default.username))
        request.addIfNotEmpty("icon_emoji", try render(config.iconEmoji, Default.iconEmoji))
        request.addIfNotEmpty("icon_url", try render(config.iconURL, Default.iconURL))
        if config.linkNames { request.add("link_names", .bool(true)) }
        request.add("attachments", .array([.object(attachment)]))
        return JSONWriter.encode(.object(request)) + "\n"
    }
}
