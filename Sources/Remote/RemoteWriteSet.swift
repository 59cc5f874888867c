#if canImport(Glibc)
import Glibc
#endif
public import HTTPClient
public import Logging
public import Storage

/// Every `remote_write` queue of a daemon, with what they share: the segment holds the WAL's
/// checkpoints respect, the self metrics, and the wake-ups the scheduler gives after a write.
public final class RemoteWriteSet: Sendable {
    public let queues: [RemoteWriteQueue]
    public let metrics: RemoteWriteMetrics
    private let wakeups: [Wakeup]

    /// Opens one queue per config; a queue whose position file cannot be opened is logged and left out.
    /// - Parameters:
    ///   - walDirectory: the WAL the queues read.
    ///   - positionDirectory: where each queue's position file is kept (created when missing).
    ///   - start: where queues without a position begin (the WAL's current end).
    public init(
        configs: [RemoteWriteConfig], externalLabels: [String: String], walDirectory: String, positionDirectory: String,
        start: WALPosition, transport: any HTTPTransport, holds: WALSegmentHolds, logger: Logger, userAgent: String = "binwatch"
    ) {
        let metrics = RemoteWriteMetrics()
        var queues: [RemoteWriteQueue] = []
        var wakeups: [Wakeup] = []
        Self.makeDirectory(positionDirectory)
        for config in configs {
            let wakeup = Wakeup()
            do {
                queues.append(try RemoteWriteQueue(
                    config: config, externalLabels: externalLabels, walDirectory: walDirectory,
                    positionPath: Self.positionPath(for: config, in: positionDirectory), start: start, transport: transport,
                    metrics: metrics, holds: holds, wakeup: wakeup, logger: logger, userAgent: userAgent))
                wakeups.append(wakeup)
            } catch {
                logger.error("remote write queue not started: its position file cannot be opened",
                             metadata: ["remote_name": "\(config.name)", "err": "\(error)"])
            }
        }
        self.queues = queues
        self.metrics = metrics
        self.wakeups = wakeups
    }

    /// Tells every queue that the WAL took new records. Never blocks.
    public func signal() {
        for wakeup in wakeups { wakeup.signal() }
    }

    /// Runs every queue until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for queue in queues { group.addTask { await queue.run() } }
        }
    }

    /// `<dir>/<name>.position`; a name that is not a plain file name is hashed.
    public static func positionPath(for config: RemoteWriteConfig, in directory: String) -> String {
        let plain = config.name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
            && !config.name.hasPrefix(".")
        let file = plain ? config.name : RemoteWriteConfig.hashName(config.name)
        return directory + "/" + file + ".position"
    }

    /// The oldest segment the configured queues still need, from their position files.
    public static func oldestNeededSegment(configs: [RemoteWriteConfig], positionDirectory: String) -> Int? {
        configs.compactMap { RemoteWriteQueue.savedPosition(path: positionPath(for: $0, in: positionDirectory))?.wal.segment }.min()
    }

    private static func makeDirectory(_ path: String) {
        _ = path.withCString { mkdir($0, 0o755) }
    }
}
