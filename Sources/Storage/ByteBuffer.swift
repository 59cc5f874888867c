/// Little-endian and varint encoding into a growing byte array (Go's `encoding/binary`
/// conventions, as `tsdb/record` uses them).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func uvarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Zig-zag encoded, so small negative deltas stay short.
    mutating func varint(_ value: Int64) {
        uvarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func uint32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            uvarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads what `ByteWriter` wrote; every read checks the bounds and throws on a short or
/// malformed input (a record whose checksum matched but whose content does not decode).
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte() throws(RecordDecodeError) -> UInt8 {
        guard offset < bytes.count else { throw RecordDecodeError(offset: offset, "unexpected end of record") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uvarint() throws(RecordDecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw RecordDecodeError(offset: offset, "varint overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func varint() throws(RecordDecodeError) -> Int64 {
        let u = try uvarint()
        return Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)
    }

    mutating func uint64() throws(RecordDecodeError) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw RecordDecodeError(offset: offset, "unexpected end of record") }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: value)
    }

    mutating func string() throws(RecordDecodeError) -> String {
        let length = try uvarint()
        guard length <= UInt64(bytes.count - offset) else { throw RecordDecodeError(offset: offset, "string runs past the record") }
        let start = offset
        offset += Int(length)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    /// A count that cannot be larger than the bytes left (each element takes at least one).
    mutating func count() throws(RecordDecodeError) -> Int {
        let n = try uvarint()
        guard n <= UInt64(bytes.count - offset) else { throw RecordDecodeError(offset: offset, "count \(n) larger than the record") }
        return Int(n)
    }
}

/// A record whose checksum matched but whose payload does not decode (a bug or a
/// format from another version, never a torn write).
public struct RecordDecodeError: Error, CustomStringConvertible {
    /// Byte offset inside the record's payload.
    public let offset: Int
    public let message: String

    init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) at payload offset \(offset)" }
}
