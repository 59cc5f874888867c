import ArgumentParser

extension Binwatch {
    /// `binwatch test …`: run test files, in the manner of `promtool test`.
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run PromQL test scripts and rule unit tests.",
            subcommands: [TestPromQL.self, TestRules.self])
    }
}
