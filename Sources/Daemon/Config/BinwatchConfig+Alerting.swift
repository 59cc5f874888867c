import Foundation
import ConfigYAML
import Model
import Notify

extension ConfigLoader {
    /// Decodes `alerting:` with Notify's decoder (Alertmanager's syntax plus `alertmanagers:`),
    /// adding each of its problems to `diagnostics` at its `file:line:col`, so `binwatch check
    /// config` and a reload report them like any other config error.
    ///
    /// `*_file` secrets are read relative to the config's folder (as Alertmanager resolves
    /// them against its config file); `${NAME}` secrets come from the loader's environment.
    /// Receiver field templates and `templates:` files are parsed here, so a bad template is
    /// a config error at its YAML field.
    func decodeAlerting(_ config: BinwatchConfig, path: String, _ diagnostics: ConfigDiagnostics) -> NotifyConfig? {
        guard let node = config.alerting?.node else { return nil }
        let folder = Self.directory(of: path)
        do {
            return try NotifyConfig.decode(
                node, file: path, keyPath: "alerting", environment: environment,
                readFile: { file in
                    let resolved = file.hasPrefix("/") ? file : folder + "/" + file
                    return try? String(contentsOfFile: resolved, encoding: .utf8)
                })
        } catch {
            for problem in error.errors {
                diagnostics.add(ConfigError(
                    location: problem.location, keyPath: problem.keyPath, expected: "valid alerting configuration",
                    found: problem.message))
            }
            return nil
        }
    }
}
