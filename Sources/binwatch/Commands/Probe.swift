import ArgumentParser

extension Binwatch {
    /// `binwatch probe …`: run one synthetic probe by hand, as blackbox_exporter's `/probe` would.
    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a synthetic probe once and print its result.",
            subcommands: [ProbePutaway.self])
    }
}
