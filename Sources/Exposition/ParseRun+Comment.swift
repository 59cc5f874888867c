extension ParseRun {
    /// `# HELP name text`, `# TYPE name type`, OpenMetrics' `# UNIT name unit` and `# EOF`;
    /// in 0.0.4 any other `#` line is a comment, in OpenMetrics it is an error.
    mutating func parseComment(from start: Int, to end: Int) throws(LineError) {
        var i = start + 1
        if format == .openMetrics {
            if string(start, end) == "# EOF" { sawEOF = true; closeCurrent(); return }
            guard i < end, buffer[i] == UInt8(ascii: " ") else {
                throw LineError(offset: i, message: "expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\" (OpenMetrics has no other comments)")
            }
            i += 1
        } else {
            skipBlanks(&i, end)
        }
        let keywordStart = i
        while i < end, !isBlank(buffer[i]) { i += 1 }
        let keyword = string(keywordStart, i)
        let known = keyword == "HELP" || keyword == "TYPE" || (format == .openMetrics && keyword == "UNIT")
        guard known else {
            if format == .openMetrics {
                throw LineError(offset: keywordStart, message: "expected HELP, TYPE, UNIT or EOF after '# ', found \"\(keyword)\" (OpenMetrics has no other comments)")
            }
            return  // an ordinary comment
        }
        // expfmt treats `# HELP` / `# TYPE` with nothing after them as a comment.
        if format == .prometheusText {
            skipBlanks(&i, end)
            if i == end { return }
        } else {
            guard i < end else { throw LineError(offset: i, message: "expected a metric name after # \(keyword), found end of line") }
            i += 1
        }
        let nameStart = i
        scanName(&i, end, colon: true)
        guard i > nameStart, i == end || isBlank(buffer[i]) else {
            throw LineError(offset: i > nameStart ? i : nameStart, message: "invalid metric name in # \(keyword) line (expected [a-zA-Z_:][a-zA-Z0-9_:]* and a space), found \(describe(i, end))")
        }
        let name = string(nameStart, i)
        if format == .prometheusText { skipBlanks(&i, end) } else if i < end { i += 1 }
        try family(forMetadata: name, at: nameStart)
        switch keyword {
        case "HELP": try setHelp(name: name, from: i, to: end, keywordAt: start)
        case "TYPE": try setType(name: name, from: i, to: end, keywordAt: start)
        default: try setUnit(name: name, from: i, to: end, keywordAt: start)
        }
    }

    private mutating func checkBeforeSamples(_ keyword: String, name: String, previous: Int?, at offset: Int) throws(LineError) {
        if let previous {
            throw LineError(offset: offset, message: "second \(keyword) line for \(name) (the first is at line \(previous))")
        }
        if let first = current?.sampleLines.first {
            throw LineError(offset: offset, message: "\(keyword) line for \(name) after its samples (line \(first)); HELP and TYPE must come before the family's samples")
        }
    }

    private mutating func setHelp(name: String, from start: Int, to end: Int, keywordAt offset: Int) throws(LineError) {
        try checkBeforeSamples("HELP", name: name, previous: current?.helpLine, at: offset)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = buffer[i]
            if b == UInt8(ascii: "\\") {
                let next: UInt8? = i + 1 < end ? buffer[i + 1] : nil
                switch next {
                case UInt8(ascii: "\\")?: bytes.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "n")?: bytes.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\"")? where format == .openMetrics: bytes.append(UInt8(ascii: "\""))
                default:
                    let allowed = format == .openMetrics ? "\\\\, \\\" and \\n" : "\\\\ and \\n"
                    let shown = next.map { describeRaw($0) } ?? "<end of line>"
                    throw LineError(offset: i, message: "invalid escape sequence '\\\(shown)' in HELP (only \(allowed) are allowed)")
                }
                i += 2
                continue
            }
            bytes.append(b)
            i += 1
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LineError(offset: start, message: "HELP text for \(name) is not valid UTF-8")
        }
        current?.family.help = text
        current?.helpLine = line
    }

    private mutating func setType(name: String, from start: Int, to end: Int, keywordAt offset: Int) throws(LineError) {
        try checkBeforeSamples("TYPE", name: name, previous: current?.typeLine, at: offset)
        var i = start
        while i < end, !isBlank(buffer[i]) { i += 1 }
        let word = string(start, i)
        guard i > start else {
            throw LineError(offset: start, message: "expected a metric type after # TYPE \(name) (\(FamilyKind.expectedTypes(format)))")
        }
        guard let kind = FamilyKind(typeName: word, format: format) else {
            throw LineError(offset: start, message: "unknown metric type \"\(word)\" (expected \(FamilyKind.expectedTypes(format)))")
        }
        if format == .prometheusText { skipBlanks(&i, end) }
        if i < end { throw LineError(offset: i, message: "unexpected text after the metric type: \"\(string(i, end))\"") }
        current?.kind = kind
        current?.family.type = kind.metricType
        current?.typeLine = line
    }

    private mutating func setUnit(name: String, from start: Int, to end: Int, keywordAt offset: Int) throws(LineError) {
        try checkBeforeSamples("UNIT", name: name, previous: current?.unitLine, at: offset)
        let unit = string(start, end)
        if !unit.isEmpty, !name.hasSuffix("_" + unit) {
            throw LineError(offset: start, message: "unit \"\(unit)\" must be the suffix of the metric family name \(name) (as in \(name)_\(unit))")
        }
        current?.family.unit = unit.isEmpty ? nil : unit
        current?.unitLine = line
    }
}
