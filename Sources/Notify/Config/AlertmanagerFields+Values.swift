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
