import ArgumentParser
import Daemon
import Foundation
import Logging

extension Binwatch {
    /// `binwatch health --config FILE`: one gathering pass, the health JSON on stdout, and the
    /// seeds' exit codes: 0 HEALTHY, 1 DEGRADED, 2 UNHEALTHY (3 when the config is rejected).
    struct Health: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gather once, evaluate the health checks and print the health JSON (exit 0/1/2).")

        @Option(help: "The binwatch.yml whose sources and health checks to use.")
        var config: String

        func run() async throws {
            LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
            let loaded: LoadedConfig
            do {
                loaded = try ConfigLoader().load(path: config)
            } catch {
                FileHandle.standardError.write(Data("binwatch: configuration rejected:\n\(error)\n".utf8))
                throw ExitCode(3)
            }
            let clock = SystemClock()
            let scheduler = Scheduler(loaded, clock: clock, logger: Logger(label: "binwatch"))
            let report = await scheduler.healthOnly(at: clock.now())
            FileHandle.standardOutput.write(Data((report.json + "\n").utf8))
            if report.status.exitCode != 0 { throw ExitCode(report.status.exitCode) }
        }
    }
}
