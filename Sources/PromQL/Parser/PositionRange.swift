/// A half-open range of UTF-8 byte offsets into the query text, as Prometheus's
/// `posrange.PositionRange`: `start` is the first byte, `end` one past the last.
public struct PositionRange: Hashable, Sendable, CustomStringConvertible {
    /// Zero-based byte offset of the first byte.
    public var start: Int
    /// Zero-based byte offset one past the last byte.
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The range covering both `first` and `last` (which must come in input order).
    public static func merging(_ first: PositionRange, _ last: PositionRange) -> PositionRange {
        PositionRange(start: first.start, end: last.end)
    }

    /// `line:col` of `start` in `query` (both 1-based, column counted in bytes), as
    /// `posrange.StartPosInput` prints it; `lineOffset` shifts the line number for
    /// queries embedded in a larger file.
    public func startPosition(in query: String, lineOffset: Int = 0) -> String {
        if query.isEmpty { return "unknown position" }
        let bytes = Array(query.utf8)
        guard start >= 0, start <= bytes.count else { return "invalid position" }
        var line = lineOffset + 1
        var lastLineBreak = -1
        for index in 0..<start where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lastLineBreak = index
        }
        return "\(line):\(start - lastLineBreak)"
    }

    public var description: String { "[\(start),\(end))" }
}
