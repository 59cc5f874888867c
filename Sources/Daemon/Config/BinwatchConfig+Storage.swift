import ConfigYAML
public import Model
public import Storage

extension BinwatchConfig {
    /// `storage:`, the series store's write-ahead log. History is kept whenever `state.path` is
    /// set; these keys only tune it.
    public struct Storage: Sendable, Equatable {
        /// `fsync`: `segment` (default, as Prometheus: at segment boundaries, checkpoints and
        /// shutdown) or `cycle` (after every cycle's write).
        public var fsync = WALFsyncPolicy.segment
        /// `checkpoint_interval`: how often the live content is rewritten as a checkpoint and older
        /// segments deleted (default 30m): disk use stays near retention plus this.
        public var checkpointInterval = PromDuration(seconds: 1800)
        /// `segment_size`: a segment is closed when the next batch would pass it (default 128MiB,
        /// as Prometheus's `--storage.tsdb.wal-segment-size`; from 64KiB to 1GiB).
        public var segmentSize = 128 << 20

        public init() {}

        static let keys = ["fsync", "checkpoint_interval", "segment_size"]

        /// The WAL folder for a state file: `wal/` beside it, as Prometheus's `data/wal`.
        public static func directory(forState path: String) -> String {
            guard let slash = path.lastIndex(of: "/") else { return "wal" }
            return String(path[...slash]) + "wal"
        }
    }

    /// Decodes `storage:`; every problem goes to the node's diagnostics.
    static func decodeStorage(_ node: ConfigNode) -> Storage {
        var storage = Storage()
        guard let entries = node.mapping(allowed: Storage.keys) else { return storage }
        if let value = entries["fsync"]?.string(expected: "segment or cycle") {
            if let policy = WALFsyncPolicy(rawValue: value) {
                storage.fsync = policy
            } else {
                entries["fsync"]?.fail(expected: "segment or cycle", found: value)
            }
        }
        if let value = entries["checkpoint_interval"]?.duration() { storage.checkpointInterval = value }
        if let node = entries["segment_size"], let text = node.string(expected: "a size such as 128MiB") {
            if let bytes = parseSize(text), bytes >= 64 << 10, bytes <= 1 << 30 {
                storage.segmentSize = bytes
            } else {
                node.fail(expected: "a size from 64KiB to 1GiB such as 128MiB (units B, KB, KiB, MB, MiB, GB, GiB; base 2)", found: text)
            }
        }
        return storage
    }

    /// `128MiB`, `64KB`, `1048576`: Prometheus's base-2 sizes (`units.ParseBase2Bytes`).
    static func parseSize(_ text: String) -> Int? {
        let digits = text.prefix { $0.isNumber }
        guard let number = Int(digits) else { return nil }
        let unit = text.dropFirst(digits.count).lowercased()
        let shift: Int
        switch unit {
        case "", "b": shift = 0
        case "kb", "kib": shift = 10
        case "mb", "mib": shift = 20
        case "gb", "gib": shift = 30
        default: return nil
        }
        guard number <= Int.max >> shift else { return nil }
        return number << shift
    }
}
