import Foundation

/// The one numeric cell syntax accepted: an optionally signed decimal with optional fraction and
/// exponent (what Python's float() and PostgreSQL's numeric text share), surrounding blanks allowed.
/// Parsed from the file's bytes in place: a million-row file must not cost a String per cell.
public enum NumberCell {
    /// Why a cell is not a number.
    public enum Problem: Error, Sendable {
        case empty, notANumber, nonFinite, outOfRange

        /// The message for the cell whose text is `text`.
        public func describe(_ text: String) -> String {
            switch self {
            case .empty: return "the cell is empty (expected a number)"
            case .notANumber: return "\"\(text)\" is not a number"
            case .nonFinite: return "\"\(text)\": NaN and infinity are not accepted"
            case .outOfRange: return "\"\(text)\" is too large for a double"
            }
        }
    }

    /// Parses a cell's text.
    public static func parse(_ text: String) -> Result<Double, Problem> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return .failure(.empty) }
            return parse(base, 0, buf.count)
        }
    }

    /// Parses bytes `start..<end` of `p`. Plain pointer arithmetic rather than slices: in a debug
    /// build generic slice subscripts cost a metadata lookup per byte.
    public static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Result<Double, Problem> {
        var lo = start, hi = end
        while lo < hi && (p[lo] == 0x20 || p[lo] == 0x09) { lo += 1 }
        while hi > lo && (p[hi - 1] == 0x20 || p[hi - 1] == 0x09) { hi -= 1 }
        if lo == hi { return .failure(.empty) }
        guard isDecimal(p, lo, hi) else {
            var first = lo
            if p[first] == 0x2B || p[first] == 0x2D { first += 1 }
            let word = String(decoding: UnsafeBufferPointer(start: p + first, count: hi - first), as: UTF8.self).lowercased()
            return .failure(["nan", "inf", "infinity"].contains(word) ? .nonFinite : .notANumber)
        }
        // The grammar is checked, so strtod reads exactly these bytes (correctly rounded).
        let count = hi - lo
        let v: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buf in
            // A temporary allocation of count + 1 ≥ 1 elements always has a base address.
            guard let out = buf.baseAddress else { return .nan }
            UnsafeMutableRawPointer(out).copyMemory(from: p + lo, byteCount: count)
            out[count] = 0
            return strtod(out, nil)
        }
        return v.isFinite ? .success(v) : .failure(.outOfRange)
    }

    private static func isDecimal(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var mantissa = 0
        if i < end && (p[i] == 0x2B || p[i] == 0x2D) { i += 1 }
        while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1; mantissa += 1 }
        if i < end && p[i] == 0x2E {
            i += 1
            while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1; mantissa += 1 }
        }
        guard mantissa > 0 else { return false }
        if i < end && (p[i] == 0x65 || p[i] == 0x45) {
            i += 1
            if i < end && (p[i] == 0x2B || p[i] == 0x2D) { i += 1 }
            let digitsStart = i
            while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
            guard i > digitsStart else { return false }
        }
        return i == end
    }
}
