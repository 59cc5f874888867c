import Foundation
public import Model

/// Series of a `load` block that a float-only engine cannot hold (native histogram
/// values, and the NHCB series `load_with_nhcb` derives), found in the script text.
enum UnloadedSeries {
    /// Label sets of the series lines left out of `load` (native histograms), plus the
    /// NHCB base series `load_with_nhcb` would derive.
    static func labelSets(of load: LoadCommand, lines: [Substring]) -> [Labels] {
        var sets: [Labels] = []
        if load.withNHCB {
            for series in load.series {
                guard let name = series.labels.metricName else { continue }
                for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) {
                    sets.append(series.labels.setting(LabelName.metricName, to: String(name.dropLast(suffix.count)))
                        .removing([LabelName.bucketBound]))
                }
            }
        }
        var index = load.line  // The line after the command (lines are 1-based).
        while index < lines.count {
            let text = lines[index].trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { break }
            if text.contains("{{"), let labels = seriesLabels(of: text) { sets.append(labels) }
            index += 1
        }
        return sets
    }

    /// The labels of a series line's selector part (up to the closing brace or first blank).
    static func seriesLabels(of line: String) -> Labels? {
        var end = line.endIndex
        if let brace = line.firstIndex(of: "}"), let open = line.firstIndex(of: "{"), open < brace,
           !line[..<open].contains(where: { $0 == " " || $0 == "\t" }) {
            end = line.index(after: brace)
        } else if let blank = line.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            end = blank
        }
        guard let matchers = try? Parser.parseMetricSelector(String(line[..<end])) else { return nil }
        var labels = Labels()
        for matcher in matchers where matcher.kind == .equal { labels.set(matcher.name, to: matcher.value) }
        return labels
    }

    /// Whether any selector of `expr` matches one of the left-out series.
    static func mightSelect(_ expr: Expr, _ sets: [Labels]) -> Bool {
        guard !sets.isEmpty else { return false }
        var found = false
        expr.forEachNode { node in
            let matchers: [Matcher]
            switch node {
            case .vectorSelector(let vs): matchers = vs.matchers
            case .matrixSelector(let ms): matchers = ms.vectorSelector.matchers
            default: return
            }
            if sets.contains(where: { labels in matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") } }) { found = true }
        }
        return found
    }
}
