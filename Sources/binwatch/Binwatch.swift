import ArgumentParser
import Daemon

/// The binwatch command-line tool: one binary for the daemon and its offline checks.
@main
struct Binwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "binwatch",
        abstract: "Prometheus-compatible alerting and health evaluation for a warehouse putaway optimizer.",
        version: BinwatchVersion.current,
        subcommands: [
            Run.self,
            Health.self,
            Collect.self,
            Check.self,
            Test.self,
            Query.self,
            QueryRange.self,
            Probe.self,
            Analyze.self,
            Silence.self,
            Config.self,
            Template.self,
            Debug.self,
        ])
}
