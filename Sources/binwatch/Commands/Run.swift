import ArgumentParser
import Daemon
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

extension Binwatch {
    /// `binwatch run --config FILE [--once]`: the daemon.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the daemon: gather sources, evaluate rules and health checks, write the textfile and state, serve HTTP.")

        @Option(help: "The binwatch.yml to run.")
        var config: String

        @Flag(help: "Run one gathering pass and one evaluation of every rule group, write the outputs and exit.")
        var once = false

        func run() async throws {
            LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
            let logger = Logger(label: "binwatch")
            let loader = ConfigLoader()
            let loaded: LoadedConfig
            do {
                loaded = try loader.load(path: config)
            } catch {
                FileHandle.standardError.write(Data("binwatch: configuration rejected:\n\(error)\n".utf8))
                throw ExitCode(1)
            }
            let lock = try lockState(loaded.config.state.path, logger: logger)
            defer { withExtendedLifetime(lock) {} }
            let clock = SystemClock()
            let scheduler = Scheduler(loaded, clock: clock, logger: logger)
            await scheduler.openState()
            if once {
                await scheduler.runOnce(at: clock.now())
                return
            }
            // web.config_file: a bad one stops the start, as in Prometheus.
            let webConfig: WebConfigState
            do {
                webConfig = try WebConfigState(path: loaded.config.web.configFile)
            } catch {
                FileHandle.standardError.write(Data("binwatch: web config rejected:\n\(error)\n".utf8))
                throw ExitCode(1)
            }
            var services: [any Service] = [
                DaemonService(scheduler: scheduler, loader: loader, logger: logger, webConfig: webConfig)
            ]
            // alerting: (Sources/Daemon/Notifications); not in --once, whose alerts would never flush.
            if let notifications = await scheduler.connectNotifications() { services.append(notifications) }
            // remote_write: queues reading the WAL (Sources/Remote); also not in --once.
            if let remoteWrite = await scheduler.connectRemoteWrite(userAgent: "binwatch/\(BinwatchVersion.current)") {
                services.append(remoteWrite)
            }
            if let address = loaded.config.web.listenAddress {
                services.append(try await HTTPService.make(
                    scheduler: scheduler, loader: loader, address: address, logger: logger, webConfig: webConfig,
                    version: BinwatchVersion.current))
            }
            let group = ServiceGroup(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        }

        /// Takes the state path's lock (see `StateLock`): a second daemon on the same path stops
        /// here; a lock file that cannot be created (read-only folder) only warns, because the
        /// daemon runs on with an unwritable state directory as it always has.
        private func lockState(_ statePath: String?, logger: Logger) throws -> StateLock? {
            guard let statePath else { return nil }
            do {
                return try StateLock.acquire(statePath: statePath)
            } catch let failure {
                if case .unusable = failure {
                    logger.warning("\(failure); running without the lock")
                    return nil
                }
                FileHandle.standardError.write(Data("binwatch: \(failure)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
