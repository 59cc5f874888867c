import Model

/// Writes metric families in Prometheus text format 0.0.4, in a form node_exporter's textfile
/// collector and Prometheus read without loss.
///
/// Output is deterministic: families sorted by name, each contiguous with `# HELP` (when
/// set) and `# TYPE` once before its samples; samples sorted by label set, and within a
/// histogram or summary series, buckets/quantiles by numeric bound, then `_sum`, then
/// `_count` (the order client_golang writes). Families without samples are left out, as
/// Prometheus's clients do.
///
/// Duplicates are **rejected, not merged**: merging would have to pick one of two values for
/// the same series, which hides a bug in whatever produced them. Two families with the
/// same name *are* merged when their type agrees and their HELP does not conflict (one may
/// be nil), so several sources may each contribute series of one family.
public struct TextEncoder: Sendable {
    /// Also enforce node_exporter's textfile rules: no sample timestamps and no label names
    /// starting with `__`.
    public var textfile: Bool

    /// - Parameter textfile: refuse what node_exporter's textfile collector rejects.
    public init(textfile: Bool = false) {
        self.textfile = textfile
    }

    /// The text exposition of `families`.
    /// - Throws: `EncodeError` naming the family and what is wrong (duplicate series,
    ///   invalid names, histogram without `+Inf` bucket, conflicting families, …).
    public func encode(_ families: [MetricFamily]) throws(EncodeError) -> String {
        String(decoding: try encodeBytes(families), as: UTF8.self)
    }

    /// The text exposition of `families` as UTF-8 bytes.
    /// - Throws: `EncodeError`, as `encode(_:)`.
    public func encodeBytes(_ families: [MetricFamily]) throws(EncodeError) -> [UInt8] {
        let merged = try merge(families)
        var out: [UInt8] = []
        out.reserveCapacity(merged.reduce(0) { $0 + $1.samples.count } * 64)
        let validator = FamilyValidator(format: .prometheusText, rejectTimestamps: textfile, rejectReservedLabels: textfile)
        for var family in merged where !family.samples.isEmpty {
            guard MetricNames.isValidMetricName(family.name) else {
                throw EncodeError(family: family.name, message: "invalid metric name (expected [a-zA-Z_:][a-zA-Z0-9_:]*)")
            }
            let kind = FamilyKind(family.type)
            family.samples = Self.canonicalOrder(family.samples, family: family.name, kind: kind)
            if let problem = validator.validate(family, kind: kind).first {
                throw EncodeError(family: family.name, message: problem.message)
            }
            write(family, to: &out)
        }
        return out
    }

    /// Groups families by name; same-name families must agree on type and HELP.
    private func merge(_ families: [MetricFamily]) throws(EncodeError) -> [MetricFamily] {
        var byName: [String: Int] = [:]
        var result: [MetricFamily] = []
        for family in families {
            guard let index = byName[family.name] else {
                byName[family.name] = result.count
                result.append(family)
                continue
            }
            let existing = result[index]
            guard existing.type == family.type else {
                throw EncodeError(family: family.name, message: "given twice with different types (\(existing.type.rawValue) and \(family.type.rawValue))")
            }
            if let a = existing.help, let b = family.help, a != b {
                throw EncodeError(family: family.name, message: "given twice with different HELP texts (\"\(a)\" and \"\(b)\")")
            }
            result[index].help = existing.help ?? family.help
            result[index].samples.append(contentsOf: family.samples)
        }
        return result.sorted { $0.name < $1.name }
    }

    private func write(_ family: MetricFamily, to out: inout [UInt8]) {
        if let help = family.help {
            out.append(contentsOf: "# HELP ".utf8)
            out.append(contentsOf: family.name.utf8)
            out.append(UInt8(ascii: " "))
            // Readers skip the blanks before the text (expfmt does), so leading blanks cannot
            // survive; dropping them keeps what is written equal to what is read.
            Self.appendEscaped(String(help.drop { $0 == " " || $0 == "\t" }), quotes: false, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        out.append(contentsOf: "# TYPE ".utf8)
        out.append(contentsOf: family.name.utf8)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: family.type.rawValue.utf8)
        out.append(UInt8(ascii: "\n"))
        for sample in family.samples {
            out.append(contentsOf: sample.name.utf8)
            if !sample.labels.isEmpty {
                out.append(UInt8(ascii: "{"))
                var first = true
                for label in sample.labels {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    out.append(contentsOf: label.name.utf8)
                    out.append(contentsOf: "=\"".utf8)
                    Self.appendEscaped(label.value, quotes: true, to: &out)
                    out.append(UInt8(ascii: "\""))
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: " "))
            GoFloat.append(sample.value, to: &out)
            if let timestamp = sample.timestamp {
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: String(timestamp.milliseconds).utf8)
            }
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// Escapes `\` and newline (HELP), and also `"` (label values), as expfmt's writer does.
    static func appendEscaped(_ text: String, quotes: Bool, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\"") where quotes: out.append(contentsOf: "\\\"".utf8)
            default: out.append(byte)
            }
        }
    }

    /// `text` escaped for a `# HELP` line (`\\`, `\n`).
    public static func escapeHelp(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text, quotes: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` escaped for a label value (`\\`, `\"`, `\n`).
    public static func escapeLabelValue(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text, quotes: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
