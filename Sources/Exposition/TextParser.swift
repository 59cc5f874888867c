/// A strict parser of Prometheus text format 0.0.4 and OpenMetrics 1.0 text.
///
/// It rejects everything expfmt's text parser (and Prometheus's textparse) rejects, and in
/// addition what makes node_exporter's textfile collector or Prometheus lose data without
/// an error: duplicate series, a family whose lines are not contiguous, HELP/TYPE repeated or
/// after the family's samples, histogram buckets without `le` or without a `+Inf` bucket,
/// and the other rules of `FamilyValidator`. Every problem is reported with its line and
/// column (and file, when given); parsing goes on after an error to collect them all.
///
/// It works on UTF-8 bytes, not `Character`s, because it is also the scrape source's parser.
public struct TextParser: Sendable {
    /// Which of the two formats to read.
    public var format: ExpositionFormat
    /// The file name put into errors, when the input came from a file.
    public var fileName: String?
    /// Also apply node_exporter's textfile collector rules: no client-side timestamps, no
    /// label names starting with `__`, no families that shadow the collector's own metrics.
    public var textfile: Bool
    /// Stop collecting after this many errors (a binary file would give one per line).
    public var maxErrors: Int

    /// - Parameters:
    ///   - format: 0.0.4 text (default) or OpenMetrics.
    ///   - fileName: named in every error's `file:line:col`.
    ///   - textfile: apply the textfile collector's extra rules.
    ///   - maxErrors: how many errors to collect before giving up.
    public init(format: ExpositionFormat = .prometheusText, fileName: String? = nil, textfile: Bool = false, maxErrors: Int = 1000) {
        self.format = format
        self.fileName = fileName
        self.textfile = textfile
        self.maxErrors = maxErrors
    }

    /// Parses `text`.
    /// - Returns: the families in input order, each with its samples in input order; families
    ///   with HELP/TYPE but no samples are left out (as expfmt does).
    /// - Throws: `ExpositionErrors` with every problem found, in input order.
    public func parse(_ text: String) throws(ExpositionErrors) -> [MetricFamily] {
        var copy = text
        let result = copy.withUTF8 { run($0) }
        return try result.get().families
    }

    /// Parses UTF-8 bytes (as read from a file or an HTTP body).
    /// - Throws: `ExpositionErrors`, as `parse(_:)` with a `String`.
    public func parse(_ bytes: [UInt8]) throws(ExpositionErrors) -> [MetricFamily] {
        try parseExposition(bytes).families
    }

    /// Parses UTF-8 bytes, keeping the families' metadata too (the scrape source's call:
    /// `/api/v1/metadata` lists it).
    /// - Throws: `ExpositionErrors`, as `parse(_:)`.
    public func parseExposition(_ bytes: [UInt8]) throws(ExpositionErrors) -> ParsedExposition {
        let result = bytes.withUnsafeBufferPointer { run($0) }
        return try result.get()
    }

    private func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<ParsedExposition, ExpositionErrors> {
        var state = ParseRun(buffer: buffer, parser: self)
        state.parseAll()
        if state.errors.isEmpty { return .success(ParsedExposition(families: state.families, metadata: state.metadata)) }
        // Family-level problems are found when a family closes, after later lines' errors.
        let sorted = state.errors.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
        return .failure(ExpositionErrors(sorted))
    }
}
