public import Logging
import Model
public import ServiceLifecycle
import UnixSignals

/// `binwatch run` as a ServiceLifecycle service: the scheduler loop until graceful
/// shutdown (SIGTERM/SIGINT), then one last textfile and state write; SIGHUP reloads.
public struct DaemonService: Service {
    public let scheduler: Scheduler
    public let loader: ConfigLoader
    let logger: Logger
    /// Re-read on SIGHUP beside binwatch.yml; a bad file keeps the previous one.
    let webConfig: WebConfigState?

    public init(scheduler: Scheduler, loader: ConfigLoader, logger: Logger, webConfig: WebConfigState? = nil) {
        self.scheduler = scheduler
        self.loader = loader
        self.logger = logger
        self.webConfig = webConfig
    }

    public func run() async throws {
        let scheduler = scheduler
        let loader = loader
        let webConfig = webConfig
        let logger = logger
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await cancelWhenGracefulShutdown {
                    await scheduler.run()
                }
            }
            group.addTask {
                let signals = await UnixSignalsSequence(trapping: .sighup)
                await cancelWhenGracefulShutdown {
                    for await _ in signals {
                        await scheduler.reload(using: loader)
                        webConfig?.reload(logger: logger)
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
        logger.info("binwatch stopped")
    }
}
