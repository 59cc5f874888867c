import ConfigYAML
import Model
import Rules

extension AlertmanagerFields {
    /// The secret of `key` / `fileKey` (`api_url` / `api_url_file`), read by ConfigYAML's
    /// `ConfigSecret`: inline (with a warning), `${NAME}`, or a file the daemon reads and
    /// `binwatch check config` leaves unopened, as amtool does.
    func secret(_ key: String, fileKey: String) -> Secret? {
        ConfigSecret.read(inline: self[key], file: self[fileKey], key: key, fileKey: fileKey)
    }

    /// An `http://` or `https://` URL that is not a secret (PagerDuty's `url`).
    func plainURL(_ key: String) -> String? {
        guard let value = self[key], let text = value.string() else { return nil }
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            value.fail(expected: "an http:// or https:// URL")
            return nil
        }
        return text
    }

    /// A templatable string; a `{{ }}` template is parsed here (errors at its node).
    func template(_ key: String, _ context: ReceiverContext) -> TemplateString {
        let text = TemplateString(string(key))
        if let source = text.source, let value = self[key] { context.checkTemplate(source, at: value) }
        return text
    }
}

extension AlertmanagerFields {
    /// A secret Alertmanager 0.25 takes only inline, with no `*_file` key beside it
    /// (Telegram's `bot_token`, Pushover's `user_key` and `token`, email's `auth_secret`): written inline (with a
    /// warning) or as a `${NAME}` reference, the safer way for such keys.
    func inlineSecret(_ key: String) -> Secret? {
        ConfigSecret.read(
            inline: self[key], file: nil, key: key, fileKey: key + "_file",
            inlineAdvice: "a ${ENV_VAR} reference (safer than a secret written inline; Alertmanager 0.25 has no \(key)_file)")
    }

    /// `key`'s mapping of names to templatable strings (OpsGenie's `details`, VictorOps's
    /// `custom_fields`), in file order, each template checked at its node.
    func templates(_ key: String, _ context: ReceiverContext) -> [(name: String, text: TemplateString)] {
        var out: [(name: String, text: TemplateString)] = []
        for entry in stringMap(key) ?? [] {
            let text = TemplateString(entry.value)
            if let source = text.source { context.checkTemplate(source, at: entry.node) }
            out.append((entry.name, text))
        }
        return out
    }
}
