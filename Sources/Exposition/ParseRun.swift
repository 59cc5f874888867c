import Model

/// A problem on the current line at byte `offset` of the input.
struct LineError: Error {
    var offset: Int
    var message: String
}

/// The family whose lines are being read.
struct OpenFamily {
    var family: MetricFamily
    var kind: FamilyKind
    var helpLine: Int?
    var typeLine: Int?
    var unitLine: Int?
    var sampleLines: [Int] = []
}

/// One pass of `TextParser` over a buffer: the line loop, family bookkeeping and errors.
/// Line syntax lives in `ParseRun+Sample.swift` and `ParseRun+Comment.swift`.
struct ParseRun {
    let buffer: UnsafeBufferPointer<UInt8>
    let format: ExpositionFormat
    let textfile: Bool
    let fileName: String?
    let maxErrors: Int
    let validator: FamilyValidator

    var line = 0
    var lineStart = 0
    var families: [MetricFamily] = []
    /// Every family with HELP, TYPE or UNIT lines, with or without samples.
    var metadata: [MetricMetadata] = []
    var errors: [ExpositionError] = []
    var current: OpenFamily?
    /// Names owned by families already finished (their own name and suffixed sample names),
    /// with the family and its last line, to report a family split in two.
    var closed: [String: (family: String, lastLine: Int)] = [:]
    var sawEOF = false
    var gaveUp = false

    init(buffer: UnsafeBufferPointer<UInt8>, parser: TextParser) {
        self.buffer = buffer
        self.format = parser.format
        self.textfile = parser.textfile
        self.fileName = parser.fileName
        self.maxErrors = parser.maxErrors
        // Timestamps and reserved label names are reported by the line parser, with a column.
        self.validator = FamilyValidator(format: parser.format, rejectTimestamps: false, rejectReservedLabels: false)
    }

    mutating func parseAll() {
        var position = 0
        let count = buffer.count
        while position < count, !gaveUp {
            var end = position
            while end < count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
            line += 1
            lineStart = position
            if sawEOF {
                report(at: position, "unexpected content after # EOF (it must be the last line)")
                break
            }
            do throws(LineError) {
                try parseLine(from: position, to: end)
            } catch {
                report(at: error.offset, error.message)
            }
            if end == count, format == .prometheusText {
                report(at: end, "unexpected end of input: the last line must end with a newline")
            }
            position = end + 1
        }
        closeCurrent()
        if format == .openMetrics, !sawEOF, !gaveUp {
            line += 1
            lineStart = count
            report(at: count, "missing # EOF: OpenMetrics input must end with a \"# EOF\" line")
        }
    }

    private mutating func parseLine(from start: Int, to end: Int) throws(LineError) {
        var i = start
        if format == .prometheusText {
            skipBlanks(&i, end)
        } else if i < end, isBlank(buffer[i]) {
            throw LineError(offset: i, message: "leading whitespace is not allowed in OpenMetrics")
        }
        if i == end {
            if format == .openMetrics { throw LineError(offset: i, message: "empty lines are not allowed in OpenMetrics") }
            return
        }
        if buffer[i] == UInt8(ascii: "#") {
            try parseComment(from: i, to: end)
        } else {
            try parseSample(from: i, to: end)
        }
    }

    // MARK: Families

    /// The family a sample named `name` belongs to, starting a new one when needed.
    /// - Throws: when the name belongs to a family that already ended (a split family).
    mutating func family(forSample name: String, at offset: Int) throws(LineError) {
        if let open = current {
            if name == open.family.name || open.kind.role(of: name, family: open.family.name, format: format) != nil {
                return
            }
        }
        try startFamily(named: name, sampleName: name, at: offset)
    }

    /// The family named by a HELP/TYPE/UNIT line, starting a new one when needed.
    mutating func family(forMetadata name: String, at offset: Int) throws(LineError) {
        if current?.family.name == name { return }
        try startFamily(named: name, sampleName: nil, at: offset)
    }

    private mutating func startFamily(named name: String, sampleName: String?, at offset: Int) throws(LineError) {
        // Closed first, so that a HELP/TYPE line right after a histogram or summary naming one of
        // its series (`# TYPE lat_sum untyped`) is caught like a later one (found by FuzzExposition).
        closeCurrent()
        if let owner = closed[name] {
            let what = sampleName.map { "sample \($0)" } ?? "metadata for \(name)"
            throw LineError(offset: offset, message: "metric family \(owner.family) is split: \(what) appears after other families' lines (the family's lines ended at line \(owner.lastLine)); all lines of a family must be contiguous")
        }
        if textfile, name == "node_textfile_scrape_error" || name == "node_textfile_mtime_seconds" {
            throw LineError(offset: offset, message: "metric \(name) is node_exporter's own textfile collector metric; a textfile must not define it")
        }
        current = OpenFamily(family: MetricFamily(name: name, type: .untyped), kind: .untyped)
    }

    /// Validates and stores the open family, and remembers the names it owns.
    mutating func closeCurrent() {
        guard let open = current else { return }
        current = nil
        let lastLine = open.sampleLines.last ?? max(open.helpLine ?? 0, open.typeLine ?? 0, open.unitLine ?? 0)
        for (suffix, _) in open.kind.suffixes(format) {
            let series = open.family.name + suffix
            // A family named like one of this family's series that came *before* it. One that
            // comes after is reported as a split by `startFamily`; without this check the same
            // two families were accepted in one order and rejected in the other, so the encoder's
            // sorted output of an accepted input failed to parse (found by FuzzExposition).
            // client_golang's registry rejects the collision in either order.
            // (The family's own name, an empty suffix, is `startFamily`'s split check alone.)
            if !suffix.isEmpty, let other = closed[series], other.family != open.family.name {
                let firstLine = [open.helpLine, open.typeLine, open.unitLine, open.sampleLines.first].compactMap { $0 }.min() ?? lastLine
                append(ExpositionError(
                    file: fileName, line: firstLine, column: 1,
                    message: "metric family \(open.family.name) collides with metric family \(other.family) (lines ending at line \(other.lastLine)): \(series) is one of \(open.family.name)'s series names; rename one of them"))
            }
            closed[series] = (open.family.name, lastLine)
        }
        closed[open.family.name] = (open.family.name, lastLine)
        if open.helpLine != nil || open.typeLine != nil || open.unitLine != nil {
            metadata.append(MetricMetadata(
                metric: open.family.name, type: open.kind.metadataType, help: open.family.help ?? "",
                unit: open.family.unit ?? ""))
        }
        guard !open.family.samples.isEmpty else { return }
        for problem in validator.validate(open.family, kind: open.kind) {
            append(ExpositionError(file: fileName, line: open.sampleLines[problem.sampleIndex], column: 1, message: problem.message))
        }
        families.append(open.family)
    }

    // MARK: Errors

    mutating func report(at offset: Int, _ message: String) {
        append(ExpositionError(file: fileName, line: line, column: column(of: offset), message: message))
    }

    private mutating func append(_ error: ExpositionError) {
        guard !gaveUp else { return }
        if errors.count >= maxErrors {
            errors.append(ExpositionError(file: fileName, line: error.line, column: error.column, message: "too many errors, giving up"))
            gaveUp = true
            return
        }
        errors.append(error)
    }

    /// 1-based column in characters (Unicode scalars) of byte `offset` on the current line.
    private func column(of offset: Int) -> Int {
        var column = 1
        var i = lineStart
        while i < offset, i < buffer.count {
            if buffer[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    // MARK: Bytes

    @inline(__always) func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    @inline(__always) func skipBlanks(_ i: inout Int, _ end: Int) {
        while i < end, isBlank(buffer[i]) { i += 1 }
    }

    @inline(__always) func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    /// `'c'` for messages, or `end of line`.
    func describe(_ i: Int, _ end: Int) -> String {
        guard i < end else { return "end of line" }
        let byte = buffer[i]
        switch byte {
        case UInt8(ascii: "\r"): return "'\\r' (CRLF line endings are not allowed)"
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return Self.hexByte(byte)
        }
    }

    /// Scans `[a-zA-Z_:][a-zA-Z0-9_:]*` (metric) or `[a-zA-Z_][a-zA-Z0-9_]*` (label).
    @inline(__always) func scanName(_ i: inout Int, _ end: Int, colon: Bool) {
        guard i < end, isNameStart(buffer[i], colon: colon) else { return }
        i += 1
        while i < end {
            let b = buffer[i]
            guard isNameStart(b, colon: colon) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else { return }
            i += 1
        }
    }

    @inline(__always) private func isNameStart(_ b: UInt8, colon: Bool) -> Bool {
        let lower = b | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || b == UInt8(ascii: "_") || (colon && b == UInt8(ascii: ":"))
    }
}

extension ParseRun {
    /// `byte 0xEF` for non-printable bytes in messages.
    static func hexByte(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" : "")\(hex)"
    }
}
