/// One PromQL annotation: a warning or an info that a query returns beside its result
/// (`util/annotations` in Prometheus). Messages are Prometheus's word for word, so
/// promqltest's `expect warn msg: …` lines and API clients see the same text.
public struct Annotation: Sendable, Hashable {
    /// Prometheus has two kinds; the HTTP API reports them as `warnings` and `infos`.
    public enum Kind: Sendable, Hashable {
        case warning
        case info
    }

    public var kind: Kind
    /// The text without position, e.g. `PromQL info: metric might not be a counter, …: "x"`.
    /// Annotations with the same message are one annotation (Prometheus deduplicates on it).
    public var message: String
    /// The node the annotation is about; printed as `(line:col)` by `text(in:)`.
    public var positionRange: PositionRange
    /// Extra facts the histogram_quantile monotonicity info accumulates over steps.
    var monotonicity: MonotonicityFix?

    public init(kind: Kind, message: String, positionRange: PositionRange) {
        self.kind = kind
        self.message = message
        self.positionRange = positionRange
    }

    /// What `histogram_quantile` had to fix, merged over every sample that needed it.
    struct MonotonicityFix: Sendable, Hashable {
        var minTimestamp: Int64
        var maxTimestamp: Int64
        var minBucket: Double
        var maxBucket: Double
        var maxDiff: Double
        /// Merges so far (Prometheus prints `count + 1` samples).
        var merges: Int
    }

    /// The full text as the API and promqltest show it: the message, details, and
    /// `(line:col)` of the node in `query` (`annoErr.Error` with the query set).
    public func text(in query: String) -> String {
        let position = positionRange.startPosition(in: query)
        guard let fix = monotonicity else { return "\(message) (\(position))" }
        return "\(message), from buckets \(PromFloat.goV(fix.minBucket)) to \(PromFloat.goV(fix.maxBucket)), "
            + "with a max diff of \(GoFormat.g2(fix.maxDiff)), over \(fix.merges + 1) samples from "
            + "\(GoFormat.rfc3339(seconds: fix.minTimestamp / 1000)) to \(GoFormat.rfc3339(seconds: fix.maxTimestamp / 1000)) (\(position))"
    }
}

/// The annotations of one query, deduplicated by message (`annotations.Annotations`).
public struct Annotations: Sendable, Hashable {
    private var byMessage: [String: Annotation] = [:]

    public init() {}

    /// Whether the query produced no annotation.
    public var isEmpty: Bool { byMessage.isEmpty }

    /// Every annotation, warnings first, then by message (Prometheus's map order is random;
    /// a fixed order keeps output diffable).
    public var all: [Annotation] {
        byMessage.values.sorted {
            $0.kind != $1.kind ? $0.kind == .warning : $0.message < $1.message
        }
    }

    /// The warnings, in the order of `all`.
    public var warnings: [Annotation] { all.filter { $0.kind == .warning } }
    /// The infos, in the order of `all`.
    public var infos: [Annotation] { all.filter { $0.kind == .info } }

    /// Adds one annotation; a second one with the same message keeps the first, except
    /// the monotonicity info, which widens its time and bucket ranges and counts samples.
    public mutating func add(_ annotation: Annotation) {
        guard let previous = byMessage[annotation.message] else {
            byMessage[annotation.message] = annotation
            return
        }
        guard var fix = previous.monotonicity, let new = annotation.monotonicity else { return }
        fix.minTimestamp = min(fix.minTimestamp, new.minTimestamp)
        fix.maxTimestamp = max(fix.maxTimestamp, new.maxTimestamp)
        fix.minBucket = min(fix.minBucket, new.minBucket)
        fix.maxBucket = max(fix.maxBucket, new.maxBucket)
        fix.maxDiff = max(fix.maxDiff, new.maxDiff)
        fix.merges += new.merges + 1
        var merged = previous
        merged.monotonicity = fix
        byMessage[annotation.message] = merged
    }

    /// Adds every annotation of `other`.
    public mutating func merge(_ other: Annotations) {
        for annotation in other.byMessage.values.sorted(by: { $0.message < $1.message }) { add(annotation) }
    }

    /// The texts as the HTTP API's `warnings` and `infos` arrays carry them
    /// (`AsStrings(query, 0, 0)`): positions are `line:col` in `query`.
    public func strings(query: String) -> (warnings: [String], infos: [String]) {
        strings(query: query, maxWarnings: 0, maxInfos: 0)
    }

    /// `AsStrings(query, maxWarnings, maxInfos)`: at most that many of each (0: no limit),
    /// then a closing `N more warning annotations omitted` (the HTTP API passes 10 and 10).
    public func strings(query: String, maxWarnings: Int, maxInfos: Int) -> (warnings: [String], infos: [String]) {
        func limited(_ list: [Annotation], _ limit: Int, _ noun: String) -> [String] {
            guard limit > 0, list.count > limit else { return list.map { $0.text(in: query) } }
            return list.prefix(limit).map { $0.text(in: query) } + ["\(list.count - limit) more \(noun) annotations omitted"]
        }
        return (limited(warnings, maxWarnings, "warning"), limited(infos, maxInfos, "info"))
    }
}
