import Model

/// promtool's spellings in unit-test failure messages: Go's `labels.Labels.String()`,
/// `strconv.FormatFloat(v, 'E', -1, 64)`, `time.Duration.String()` and the exp/got alert lists.
enum RuleTestFormat {
    /// `{__name__="up", job="x"}`: every label in name order, values Go-quoted; names outside
    /// the legacy charset are quoted too (Prometheus 3.x).
    static func labels(_ labels: Labels) -> String {
        "{" + labels.map { label in
            let name = MetricNames.isValidLabelName(label.name) ? label.name : GoPrintf.goQuote(label.name)
            return name + "=" + GoPrintf.goQuote(label.value)
        }.joined(separator: ", ") + "}"
    }

    /// `strconv.FormatFloat(v, 'E', -1, 64)`: `1E+00`, `6.5E+01`, `NaN`, `+Inf`.
    static func float(_ value: Double) -> String { GoFloatFormat.format(value, verb: "E", precision: -1) }

    /// `time.Duration.String()` of a millisecond count: `0s`, `1.5s`, `5m0s`, `1h0m0s`, `250ms`.
    static func goDuration(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        let negative = milliseconds < 0
        let ms = milliseconds.magnitude
        var out: String
        if ms < 1000 {
            out = "\(ms)ms"
        } else {
            let seconds = ms / 1000, fraction = ms % 1000
            var secondsText = "\(seconds % 60)"
            if fraction > 0 {
                var digits = String(fraction)
                digits = String(repeating: "0", count: 3 - digits.count) + digits
                while digits.hasSuffix("0") { digits.removeLast() }
                secondsText += "." + digits
            }
            out = secondsText + "s"
            let minutes = seconds / 60
            if minutes > 0 {
                out = "\(minutes % 60)m" + out
                let hours = minutes / 60
                if hours > 0 { out = "\(hours)h" + out }
            }
        }
        return negative ? "-" + out : out
    }

    /// Prefixes every line but the first with `indent` (promtool's `indentLines`).
    static func indent(_ text: String, _ indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? String($0.element) : indent + $0.element }
            .joined(separator: "\n")
    }

    /// An alert as promtool lists it: labels and annotations, sorted as `labelsAndAnnotations`.
    struct AlertEntry: Comparable {
        var labels: Labels
        var annotations: Labels

        static func < (lhs: AlertEntry, rhs: AlertEntry) -> Bool {
            lhs.labels != rhs.labels ? lhs.labels < rhs.labels : lhs.annotations < rhs.annotations
        }
    }

    /// `labelsAndAnnotations.String()`: `[]`, or numbered `Labels:`/`Annotations:` entries.
    static func alerts(_ entries: [AlertEntry]) -> String {
        if entries.isEmpty { return "[]" }
        var out = "["
        for (index, entry) in entries.enumerated() {
            out += (index == 0 ? "\n" : ",\n") + "\(index):"
            out += indent("\nLabels:" + labels(entry.labels) + "\nAnnotations:" + labels(entry.annotations), "  ")
        }
        return out + "\n]"
    }

    /// `parsedSamplesString`: `nil` for none, else `labels value` joined by `, `.
    static func samples(_ samples: [(labels: Labels, value: Double)]) -> String {
        if samples.isEmpty { return "nil" }
        return samples.map { labels($0.labels) + " " + float($0.value) }.joined(separator: ", ")
    }
}
