public import HTTPClient
import Logging
import Model
public import Remote
public import ServiceLifecycle
import Storage

extension Scheduler {
    /// Starts one queue per `remote_write` entry, reading the WAL this scheduler writes (call it
    /// after `openState`). Nil without `remote_write` or without a WAL.
    /// - Parameters:
    ///   - transport: libcurl in production; tests may pass their own.
    ///   - userAgent: the `User-Agent` header (`binwatch/<version>`).
    public func connectRemoteWrite(
        transport: any HTTPTransport = CurlHTTPClient(), userAgent: String = "binwatch"
    ) -> RemoteWriteService? {
        let configs = runtime.config.remoteWrite
        guard !configs.isEmpty, let statePath = runtime.config.state.path, let history else { return nil }
        let set = RemoteWriteSet(
            configs: configs, externalLabels: runtime.config.global.externalLabels, walDirectory: history.directory,
            positionDirectory: Self.remoteWriteDirectory(forState: statePath), start: history.endPosition,
            transport: transport, holds: history.holds, logger: logger, userAgent: userAgent)
        // The queues hold their own segments now.
        history.holds.release("replay")
        remoteWrite = set
        return RemoteWriteService(set: set)
    }

    /// The oldest WAL segment a configured queue has not sent (from the position files), so
    /// the start-up replay keeps it.
    func remoteWriteOldestSegment(statePath: String) -> Int? {
        RemoteWriteSet.oldestNeededSegment(
            configs: runtime.config.remoteWrite, positionDirectory: Self.remoteWriteDirectory(forState: statePath))
    }

    /// A reload does not restart the queues (each holds an open position and a WAL reader):
    /// a changed `remote_write:` or `external_labels` is logged as taking effect at the next start.
    func warnIfRemoteWriteChanged(_ next: BinwatchConfig) {
        func signature(_ config: BinwatchConfig) -> [String] {
            config.remoteWrite.map { "\($0.name) \($0.url) \($0.queue) \($0.writeRelabelConfigs.count) \($0.headers.map(\.name))" }
                + config.global.externalLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        }
        guard !runtime.config.remoteWrite.isEmpty || !next.remoteWrite.isEmpty, signature(runtime.config) != signature(next) else { return }
        logger.warning("remote_write or external_labels changed: the remote-write queues keep their settings until the next start")
    }

    /// `remote_write/` beside the state file: one `<name>.position` per queue.
    public static func remoteWriteDirectory(forState path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "remote_write" }
        return String(path[...slash]) + "remote_write"
    }
}

/// The remote-write queues as a ServiceLifecycle service: they run until graceful shutdown;
/// what was not acknowledged by then is sent after the next start.
public struct RemoteWriteService: Service {
    public let set: RemoteWriteSet

    public func run() async throws {
        let set = set
        await cancelWhenGracefulShutdown {
            await set.run()
        }
    }
}
