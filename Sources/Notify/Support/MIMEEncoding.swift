/// The MIME encodings Alertmanager's email notifier uses, as Go's standard library writes them:
/// `mime/quotedprintable.Writer` for the bodies and `mime.QEncoding` for header values.
enum MIMEEncoding {
    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// Go's `quotedprintable.Writer` (text mode) over `bytes`, closed: lines of at most 76
    /// characters with `=` soft breaks, CR, LF and CRLF written as CRLF, `=` and bytes outside
    /// printable ASCII as `=XX`, a space or tab before a line end encoded.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var writer = QuotedPrintableWriter()
        for byte in bytes { writer.write(byte) }
        return writer.close()
    }

    /// Go's `mime.QEncoding.Encode("utf-8", value)`: the value itself when it is printable
    /// ASCII (tabs allowed), else RFC 2047 encoded-words of at most 75 characters, split
    /// between characters, never inside one.
    static func qEncodedWord(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard bytes.contains(where: { ($0 < 0x20 || $0 > 0x7E) && $0 != 0x09 }) else { return value }
        let open = "=?utf-8?q?"
        let maxContent = 75 - "=?UTF-8?q?".count - "?=".count
        var out = open
        var currentLength = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let plain = isQPlain(b) || b == 0x20
            let runeLength = plain ? 1 : utf8Length(bytes, at: i)
            let encodedLength = plain ? 1 : 3 * runeLength
            if currentLength + encodedLength > maxContent {
                out += "?= " + open
                currentLength = 0
            }
            for byte in bytes[i..<min(i + runeLength, bytes.count)] { out += qByte(byte) }
            currentLength += encodedLength
            i += runeLength
        }
        return out + "?="
    }

    /// Printable ASCII other than space, `=`, `?` and `_`: written as is in an encoded-word.
    private static func isQPlain(_ b: UInt8) -> Bool {
        b >= 0x21 && b <= 0x7E && b != 0x3D && b != 0x3F && b != 0x5F
    }

    private static func qByte(_ b: UInt8) -> String {
        if b == 0x20 { return "_" }
        if isQPlain(b) { return String(UnicodeScalar(b)) }
        return "=" + String(UnicodeScalar(upperHex[Int(b >> 4)])) + String(UnicodeScalar(upperHex[Int(b & 0x0F)]))
    }

    /// The length of the UTF-8 sequence at `i` as Go's `utf8.DecodeRuneInString` reads it
    /// (1 for an invalid byte).
    private static func utf8Length(_ bytes: [UInt8], at i: Int) -> Int {
        let lead = bytes[i]
        let length = lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 1
        guard length > 1, i + length <= bytes.count else { return 1 }
        for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return 1 }
        return length
    }
}

/// `mime/quotedprintable.Writer`'s state: the current line and whether the last byte was CR.
private struct QuotedPrintableWriter {
    private static let lineMaxLength = 76
    private static let upperHex = Array("0123456789ABCDEF".utf8)
    private var line: [UInt8] = []
    private var output: [UInt8] = []
    private var afterCR = false

    mutating func write(_ b: UInt8) {
        // Printable ASCII but `=`, and space, tab, CR, LF pass; the rest is encoded.
        let printable: Bool = b >= 0x21 && b <= 0x7E && b != 0x3D
        let whitespace: Bool = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
        if printable || whitespace { writeRaw(b) } else { encode(b) }
    }

    mutating func close() -> [UInt8] {
        checkLastByte()
        flush()
        return output
    }

    private mutating func writeRaw(_ b: UInt8) {
        if b == 0x0A || b == 0x0D {
            // The LF of a CRLF: the line break is already written.
            if afterCR && b == 0x0A {
                afterCR = false
                return
            }
            if b == 0x0D { afterCR = true }
            checkLastByte()
            insertCRLF()
            return
        }
        if line.count == Self.lineMaxLength - 1 { insertSoftLineBreak() }
        line.append(b)
        afterCR = false
    }

    private mutating func encode(_ b: UInt8) {
        if Self.lineMaxLength - 1 - line.count < 3 { insertSoftLineBreak() }
        line += [0x3D, Self.upperHex[Int(b >> 4)], Self.upperHex[Int(b & 0x0F)]]
    }

    /// A space or tab ending a line is encoded, or a reader would drop it.
    private mutating func checkLastByte() {
        guard let last = line.last, last == 0x20 || last == 0x09 else { return }
        line.removeLast()
        encode(last)
    }

    private mutating func insertSoftLineBreak() {
        line.append(0x3D)
        insertCRLF()
    }

    private mutating func insertCRLF() {
        line += [0x0D, 0x0A]
        flush()
    }

    private mutating func flush() {
        output += line
        line.removeAll(keepingCapacity: true)
    }
}
