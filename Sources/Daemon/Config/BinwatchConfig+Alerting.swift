import ConfigYAML
import Model
import Notify

extension ConfigLoader {
    /// Decodes `alerting:` with Notify's decoder (Alertmanager's syntax plus `alertmanagers:`)
    /// on the same diagnostics as the rest of binwatch.yml, so `binwatch check config` and a
    /// reload report its problems with every other error of the file, each at its
    /// `file:line:col`.
    ///
    /// `*_file` secrets are read through the diagnostics' reader when the loader reads them
    /// (the daemon), relative to the config's folder as Alertmanager resolves them; `${NAME}`
    /// secrets come from the loader's environment. Receiver field templates and `templates:`
    /// files are parsed here, so a bad template is a config error at its YAML field.
    func decodeAlerting(_ config: BinwatchConfig, _ diagnostics: ConfigDiagnostics) -> NotifyConfig? {
        guard let node = config.alerting?.node else { return nil }
        return NotifyConfig.decode(ConfigNode(node: node, keyPath: "alerting", diagnostics: diagnostics))
    }
}
