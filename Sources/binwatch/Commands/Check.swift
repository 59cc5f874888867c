import ArgumentParser

extension Binwatch {
    /// `binwatch check …`: offline validation, in the manner of `promtool check`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate metrics, rules and configuration files.",
            subcommands: [CheckMetrics.self, CheckRules.self, CheckConfig.self, CheckWebConfig.self, CheckState.self])
    }
}
