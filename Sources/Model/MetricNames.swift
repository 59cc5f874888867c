/// Validity of metric and label names under Prometheus's legacy (pre-UTF-8) scheme,
/// which is what rule files, the text format and node_exporter accept.
public enum MetricNames {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    public static func isValidMetricName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isStart(first, colon: true) else { return false }
        return name.utf8.dropFirst().allSatisfy { isContinuation($0, colon: true) }
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`
    public static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isStart(first, colon: false) else { return false }
        return name.utf8.dropFirst().allSatisfy { isContinuation($0, colon: false) }
    }

    private static func isStart(_ byte: UInt8, colon: Bool) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || (colon && byte == 0x3A)
    }

    private static func isContinuation(_ byte: UInt8, colon: Bool) -> Bool {
        isStart(byte, colon: colon) || (byte >= 0x30 && byte <= 0x39)
    }
}
