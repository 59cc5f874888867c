import ArgumentParser

extension Binwatch {
    /// `binwatch debug …`: hidden helpers for tests and benchmarks, not part of the user interface.
    struct Debug: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Internal helpers for tests and benchmarks.",
            shouldDisplay: false,
            subcommands: [
                DebugWriteTextfile.self, DebugExpositionBench.self, DebugDaemonBench.self, DebugWALBench.self,
                DebugRemoteWriteBench.self,
            ])
    }
}
