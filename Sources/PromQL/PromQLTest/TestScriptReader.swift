import Foundation
import Model

/// Line-oriented reader for `TestScript`, following `promqltest.parse`/`parseLoad`/`parseEval`.
struct TestScriptReader {
    let lines: [String]
    let skipUnparsableEvals: Bool

    init(text: String, skipUnparsableEvals: Bool = false) {
        self.skipUnparsableEvals = skipUnparsableEvals
        // getLines: trim, and a line starting with '#' becomes empty (so it ends a block).
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { raw in
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return line.hasPrefix("#") ? "" : line
        }
    }

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are literals verified by the tests; `(?!)` (never matches) is unreachable.
        (try? NSRegularExpression(pattern: pattern)) ?? (try? NSRegularExpression(pattern: "(?!)"))!
    }

    static let loadPattern = regex(#"^load(?:_(with_nhcb))?\s+(.+?)$"#)
    static let instantPattern = regex(#"^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$"#)
    static let rangePattern = regex(#"^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$"#)
    static let expectPattern = regex(#"^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$"#)
    static let expectRangePattern = regex(#"^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$"#)

    /// Capture groups of a whole-line match (nil for unmatched optional groups).
    static func match(_ pattern: NSRegularExpression, _ line: String) -> [String?]? {
        let range = NSRange(line.startIndex..., in: line)
        guard let result = pattern.firstMatch(in: line, range: range) else { return nil }
        return (0..<result.numberOfRanges).map { index in
            Range(result.range(at: index), in: line).map { String(line[$0]) }
        }
    }

    func read() throws(TestScriptError) -> [TestCommand] {
        var commands: [TestCommand] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.isEmpty { index += 1; continue }
            let word = String(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "").lowercased()
            if word == "clear" {
                commands.append(.clear(line: index + 1))
                index += 1
            } else if word.hasPrefix("load") {
                let (next, command) = try readLoad(at: index)
                commands.append(.load(command))
                index = next
            } else if word.hasPrefix("eval") {
                let (next, command) = try readEval(at: index)
                commands.append(.eval(command))
                index = next
            } else {
                throw TestScriptError(line: index + 1, message: "invalid command \(GoQuote.quote(line))")
            }
        }
        return commands
    }

    /// Indices of the block's body lines (up to the next empty line).
    func body(after index: Int) -> Range<Int> {
        var end = index + 1
        while end < lines.count && !lines[end].isEmpty { end += 1 }
        return (index + 1)..<end
    }

    static func duration(_ text: String, line: Int, what: String) throws(TestScriptError) -> Int64 {
        switch NumberParsing.duration(text) {
        case .success(let ms): return ms
        case .failure(let error):
            throw TestScriptError(line: line, message: "invalid \(what) \(GoQuote.quote(text)): \(error.message)")
        }
    }

    private func readLoad(at index: Int) throws(TestScriptError) -> (Int, LoadCommand) {
        guard let parts = Self.match(Self.loadPattern, lines[index]), let step = parts[2] else {
            throw TestScriptError(line: index + 1, message: "invalid load command. (load[_with_nhcb] <step:duration>)")
        }
        let withNHCB = parts[1] == "with_nhcb"
        var command = LoadCommand(
            line: index + 1, interval: try Self.duration(step, line: index + 1, what: "step definition"),
            withNHCB: withNHCB, series: [],
            skipReason: withNHCB ? "load_with_nhcb needs native histograms with custom buckets" : nil)
        let bodyRange = body(after: index)
        for bodyIndex in bodyRange {
            let text = lines[bodyIndex]
            if text.contains("{{") {
                command.skipReason = command.skipReason ?? "native histogram sample values ({{...}}) at line \(bodyIndex + 1)"
                if let series = Self.histogramSeries(text, line: bodyIndex + 1) { command.histogramSeries.append(series) }
                continue
            }
            if text.range(of: #"^\S+@st\s"#, options: .regularExpression) != nil || text.contains("}@st ") {
                command.skipReason = command.skipReason ?? "start-timestamp (@st) lines at line \(bodyIndex + 1)"
                continue
            }
            let series = try Self.series(text, line: bodyIndex + 1)
            let loaded = LoadedSeries(line: bodyIndex + 1, labels: series.labels, values: series.values)
            if let existing = command.series.firstIndex(where: { $0.labels == series.labels }) {
                command.series[existing] = loaded
            } else {
                command.series.append(loaded)
            }
        }
        return (bodyRange.upperBound, command)
    }

    /// A series line with `{{...}}` histograms, each histogram read as a placeholder:
    /// `{{h}}` is one, `{{h}}xN`, `{{a}}+{{b}}xN` and `{{a}}-{{b}}xN` are N+1; other items
    /// use the float notation. Nil when the line does not read (the eval using it is skipped).
    static func histogramSeries(_ text: String, line: Int) -> LoadedSeries? {
        guard let labels = UnloadedSeries.seriesLabels(of: text) else { return nil }
        var rest = text
        // The value part starts after the selector (up to its closing brace or first blank).
        if let open = rest.firstIndex(of: "{"), let close = rest.firstIndex(of: "}"), open < close,
           !rest[..<open].contains(where: { $0 == " " || $0 == "\t" }), !rest[open...].hasPrefix("{{") {
            rest = String(rest[rest.index(after: close)...])
        } else if let blank = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            rest = String(rest[blank...])
        }
        // Every histogram literal becomes the letter H (they hold spaces, items do not).
        let compact = rest.replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: "H", options: .regularExpression)
        var values: [SeriesValue] = []
        for item in compact.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if item.contains("H") {
                guard let match = item.wholeMatch(of: /H(?:[+-]H)?(?:x(\d+))?/) else { return nil }
                let repeats = match.1.flatMap { Int($0) } ?? 0
                values += Array(repeating: .value(HistogramPlaceholder.value), count: repeats + 1)
            } else {
                guard let parsed = try? SeriesNotation.parseValues(String(item)) else { return nil }
                values += parsed
            }
        }
        return LoadedSeries(line: line, labels: labels, values: values)
    }

    static func series(_ text: String, line: Int) throws(TestScriptError) -> SeriesDescription {
        do {
            return try SeriesNotation.parseSeries(text)
        } catch {
            let first = error.errors.first
            let position = first.map { $0.positionRange.startPosition(in: text) } ?? "1:1"
            throw TestScriptError(line: line, message: "\(position): parse error: \(first?.message ?? "invalid series")")
        }
    }
}
