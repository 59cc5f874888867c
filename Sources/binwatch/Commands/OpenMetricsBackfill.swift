import Model
import PromQL

/// A reader for OpenMetrics backfill files (`name{labels} value timestamp` lines,
/// `# EOF` at the end), the input `promtool tsdb create-blocks-from openmetrics` takes.
///
/// The Exposition module's parser validates exposition pages, where a series may appear
/// only once; a backfill file repeats each series once per timestamp, so the CLI reads
/// it with this line reader (metadata lines are skipped, timestamps are float seconds
/// truncated to milliseconds as Prometheus does).
enum OpenMetricsBackfill {
    struct LineError: Error, CustomStringConvertible {
        let file: String
        let line: Int
        let column: Int
        let message: String
        var description: String { "\(file):\(line):\(column): \(message)" }
    }

    static func samples(_ text: String, file: String) throws(LineError) -> [(Labels, Int64, Double)] {
        var out: [(Labels, Int64, Double)] = []
        var sawEOF = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if sawEOF {
                if !line.isEmpty { throw LineError(file: file, line: lineNumber, column: 1, message: "unexpected data after # EOF") }
                continue
            }
            if line == "# EOF" { sawEOF = true; continue }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let seriesEnd = endOfSeries(line)
            let seriesText = String(line[..<seriesEnd])
            let fields = line[seriesEnd...].split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2 else {
                throw LineError(file: file, line: lineNumber, column: line.distance(from: line.startIndex, to: seriesEnd) + 1,
                                message: "expected a value and a timestamp after the series")
            }
            let matchers: [Matcher]
            do {
                matchers = try Parser.parseMetricSelector(seriesText)
            } catch {
                throw LineError(file: file, line: lineNumber, column: 1, message: "invalid series \(seriesText): \(error)")
            }
            var labels = Labels()
            for matcher in matchers where matcher.kind == .equal { labels.set(matcher.name, to: matcher.value) }
            guard let value = goFloat(String(fields[0])) else {
                throw LineError(file: file, line: lineNumber, column: 1, message: "invalid value \(fields[0])")
            }
            guard let seconds = Double(fields[1]), seconds.isFinite else {
                throw LineError(file: file, line: lineNumber, column: 1, message: "invalid timestamp \(fields[1]) (expected seconds)")
            }
            out.append((labels, Int64(seconds * 1000), value))
        }
        guard sawEOF else { throw LineError(file: file, line: 1, column: 1, message: "data does not end with # EOF") }
        return out
    }

    /// The index after the series part: after the closing `}` (quotes respected) or the first space.
    private static func endOfSeries(_ line: Substring) -> Substring.Index {
        var inQuotes = false, escaped = false, sawBrace = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if inQuotes {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inQuotes = false }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "{" {
                sawBrace = true
            } else if c == "}" && sawBrace {
                return line.index(after: i)
            } else if c == " " && !sawBrace {
                return i
            }
            i = line.index(after: i)
        }
        return i
    }

    private static func goFloat(_ text: String) -> Double? {
        switch text.lowercased() {
        case "+inf", "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: return Double(text)
        }
    }
}
