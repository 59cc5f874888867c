import Model

extension ParseRun {
    /// `name[{labels}] value [timestamp]` (0.0.4, blanks are runs of spaces/tabs), or
    /// `name[{labels}] value [timestamp] [# {labels} value [timestamp]]` (OpenMetrics, single spaces).
    mutating func parseSample(from start: Int, to end: Int) throws(LineError) {
        var i = start
        scanName(&i, end, colon: true)
        guard i > start else { throw LineError(offset: start, message: badNameMessage(start, end)) }
        let name = string(start, i)
        // The line names its family even if the rest of it is broken, so later lines are
        // checked for contiguity against what the author wrote.
        try family(forSample: name, at: start)
        let labelsStart = i
        if format == .prometheusText { skipBlanks(&i, end) }
        var labels = Labels()
        if i < end, buffer[i] == UInt8(ascii: "{") {
            labels = try parseLabels(&i, end, metric: name)
            if format == .prometheusText { skipBlanks(&i, end) } else { try expectSpace(&i, end, after: "labels") }
        } else if i == labelsStart {
            // Nothing skipped: the name runs into something that is neither blank nor '{'.
            if i == end { throw LineError(offset: i, message: "expected a value after metric name \(name), found end of line") }
            if format == .openMetrics, buffer[i] == UInt8(ascii: " ") {
                i += 1
            } else {
                throw LineError(offset: i, message: "invalid character \(describe(i, end)) in metric name \(name) (expected [a-zA-Z0-9_:], '{' or a space)")
            }
        }
        let value = try parseValue(&i, end)
        var timestamp: Timestamp?
        if i < end {
            let blank = i
            if format == .prometheusText {
                skipBlanks(&i, end)
            } else {
                i += 1
            }
            if i == end {
                throw LineError(offset: blank, message: "trailing whitespace after the value (expected a timestamp or end of line)")
            }
            if format == .openMetrics, buffer[i] == UInt8(ascii: "#") {
                try parseExemplar(&i, end)
            } else {
                let tsStart = i
                timestamp = try parseTimestamp(&i, end)
                if textfile {
                    throw LineError(offset: tsStart, message: "sample \(name) has a timestamp: node_exporter's textfile collector rejects client-side timestamps and drops the whole file")
                }
                if i < end {
                    if format == .openMetrics, i + 1 < end, buffer[i] == UInt8(ascii: " "), buffer[i + 1] == UInt8(ascii: "#") {
                        i += 1
                        try parseExemplar(&i, end)
                    } else {
                        throw LineError(offset: i, message: "unexpected text after the timestamp: \"\(string(i, end))\" (expected end of line)")
                    }
                }
            }
        }
        current?.family.samples.append(MetricSample(name: name, labels: labels, value: value, timestamp: timestamp))
        current?.sampleLines.append(line)
    }

    private func badNameMessage(_ i: Int, _ end: Int) -> String {
        if i + 2 < end, buffer[i] == 0xEF, buffer[i + 1] == 0xBB, buffer[i + 2] == 0xBF {
            return "unexpected byte order mark (U+FEFF): the input must be plain UTF-8 without BOM"
        }
        if buffer[i] == UInt8(ascii: "{") {
            return "expected a metric name, found '{' (series without a name or with a quoted name are not part of this format)"
        }
        return "expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), found \(describe(i, end))"
    }

    private func expectSpace(_ i: inout Int, _ end: Int, after what: String) throws(LineError) {
        guard i < end, buffer[i] == UInt8(ascii: " ") else {
            throw LineError(offset: i, message: "expected a single space after the \(what), found \(describe(i, end))")
        }
        i += 1
    }

    /// The float value token (Go `ParseFloat` syntax, as expfmt).
    private func parseValue(_ i: inout Int, _ end: Int) throws(LineError) -> Double {
        let start = i
        while i < end, !isBlank(buffer[i]) { i += 1 }
        guard i > start else { throw LineError(offset: start, message: "expected a float value, found end of line") }
        let token = buffer[start..<i]
        if let value = GoFloat.parse(token) { return value }
        let hint = token.contains(UInt8(ascii: "\r")) ? " (CRLF line endings are not allowed)" : ""
        throw LineError(offset: start, message: "expected a float value, got \"\(string(start, i))\"\(hint)")
    }

    /// 0.0.4: int64 milliseconds (`strconv.ParseInt`); OpenMetrics: float seconds.
    private func parseTimestamp(_ i: inout Int, _ end: Int) throws(LineError) -> Timestamp {
        let start = i
        while i < end, !isBlank(buffer[i]) { i += 1 }
        switch format {
        case .prometheusText:
            guard let ms = Int64(string(start, i)) else {
                throw LineError(offset: start, message: "expected an integer timestamp (milliseconds since the epoch), got \"\(string(start, i))\"")
            }
            return Timestamp(milliseconds: ms)
        case .openMetrics:
            guard let seconds = GoFloat.parse(buffer[start..<i]), seconds.isFinite,
                  (seconds * 1000).magnitude < 0x1p63 else {
                throw LineError(offset: start, message: "expected a timestamp in seconds since the epoch, got \"\(string(start, i))\"")
            }
            // Prometheus's OpenMetrics parser truncates: int64(ts * 1000).
            return Timestamp(milliseconds: Int64(seconds * 1000))
        }
    }

    /// ` # {labels} value [timestamp]`: checked for syntax, then dropped (binwatch keeps no exemplars).
    private func parseExemplar(_ i: inout Int, _ end: Int) throws(LineError) {
        i += 1  // '#'
        try expectSpace(&i, end, after: "'#' of the exemplar")
        guard i < end, buffer[i] == UInt8(ascii: "{") else {
            throw LineError(offset: i, message: "expected '{' to start the exemplar's labels, found \(describe(i, end))")
        }
        _ = try parseLabels(&i, end, metric: "exemplar")
        try expectSpace(&i, end, after: "exemplar labels")
        _ = try parseValue(&i, end)
        if i < end {
            i += 1
            _ = try parseTimestamp(&i, end)
            if i < end { throw LineError(offset: i, message: "unexpected text after the exemplar: \"\(string(i, end))\"") }
        }
    }

    /// `{name="value", …}` starting at `{`; leaves `i` after `}`.
    func parseLabels(_ i: inout Int, _ end: Int, metric: String) throws(LineError) -> Labels {
        i += 1
        var labels = Labels()
        var names: [String] = []
        let lenient = format == .prometheusText
        while true {
            if lenient { skipBlanks(&i, end) }
            guard i < end else { throw LineError(offset: i, message: "unterminated label set of \(metric) (expected '}')") }
            if buffer[i] == UInt8(ascii: "}") { i += 1; return labels }
            let nameStart = i
            scanName(&i, end, colon: false)
            guard i > nameStart else {
                let quoted = buffer[i] == UInt8(ascii: "\"") ? " (quoted label names are not part of this format)" : ""
                throw LineError(offset: i, message: "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) in \(metric), found \(describe(i, end))\(quoted)")
            }
            let name = string(nameStart, i)
            if name == LabelName.metricName {
                throw LineError(offset: nameStart, message: "label name __name__ is reserved")
            }
            if textfile, name.utf8.starts(with: "__".utf8) {
                throw LineError(offset: nameStart, message: "label name \"\(name)\" starts with __, which is reserved: node_exporter's textfile collector panics on it")
            }
            if names.contains(name) {
                throw LineError(offset: nameStart, message: "duplicate label name \"\(name)\" in \(metric)")
            }
            names.append(name)
            if lenient { skipBlanks(&i, end) }
            guard i < end, buffer[i] == UInt8(ascii: "=") else {
                throw LineError(offset: i, message: "expected '=' after label name \"\(name)\", found \(describe(i, end))")
            }
            i += 1
            if lenient { skipBlanks(&i, end) }
            guard i < end, buffer[i] == UInt8(ascii: "\"") else {
                throw LineError(offset: i, message: "expected '\"' to start the value of label \"\(name)\", found \(describe(i, end))")
            }
            i += 1
            let value = try parseLabelValue(&i, end, label: name)
            labels.set(name, to: value)
            if lenient { skipBlanks(&i, end) }
            guard i < end, buffer[i] == UInt8(ascii: ",") || buffer[i] == UInt8(ascii: "}") else {
                throw LineError(offset: i, message: "expected ',' or '}' after the value of label \"\(name)\", found \(describe(i, end))")
            }
            if buffer[i] == UInt8(ascii: ",") { i += 1 }
        }
    }

    /// The text up to the closing quote, unescaping `\\`, `\"`, `\n`; must be valid UTF-8.
    private func parseLabelValue(_ i: inout Int, _ end: Int, label: String) throws(LineError) -> String {
        let start = i
        var escaped = false
        while i < end {
            let b = buffer[i]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < end else { break }
                let next = buffer[i + 1]
                guard next == UInt8(ascii: "\\") || next == UInt8(ascii: "\"") || next == UInt8(ascii: "n") else {
                    throw LineError(offset: i, message: "invalid escape sequence '\\\(describeRaw(next))' in the value of label \"\(label)\" (only \\\\, \\\" and \\n are allowed)")
                }
                i += 2
                continue
            }
            i += 1
        }
        guard i < end else {
            throw LineError(offset: start - 1, message: "unterminated value of label \"\(label)\" (missing closing '\"')")
        }
        let raw = UnsafeBufferPointer(rebasing: buffer[start..<i])
        i += 1  // closing quote
        guard escaped else {
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw LineError(offset: start, message: "the value of label \"\(label)\" is not valid UTF-8")
            }
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var j = 0
        while j < raw.count {
            if raw[j] == UInt8(ascii: "\\"), j + 1 < raw.count {
                bytes.append(raw[j + 1] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : raw[j + 1])
                j += 2
            } else {
                bytes.append(raw[j])
                j += 1
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LineError(offset: start, message: "the value of label \"\(label)\" is not valid UTF-8")
        }
        return text
    }

    func describeRaw(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(Character(Unicode.Scalar(byte))) : "\\u{\(String(byte, radix: 16))}"
    }
}
