/// Record framing on disk: a 9-byte header (type, payload length as UInt32 LE, CRC-32C as
/// UInt32 LE) then the payload. The checksum covers the type, the length and the payload,
/// so a torn or flipped byte anywhere in a record is caught.
enum WALFrame {
    static let headerSize = 9
    /// Larger payloads are refused on read: a flipped length byte must not make the reader
    /// trust gigabytes of whatever follows.
    static let maxPayload = 1 << 30

    static func append(_ record: WALRecord, to w: inout ByteWriter) {
        let start = w.bytes.count
        w.byte(record.kind.rawValue)
        w.uint32(0)
        w.uint32(0)
        record.encodePayload(into: &w)
        let length = UInt32(w.bytes.count - start - headerSize)
        withUnsafeBytes(of: length.littleEndian) { raw in
            for i in 0..<4 { w.bytes[start + 1 + i] = raw[i] }
        }
        let crc = w.bytes.withUnsafeBytes { all in
            let header = UnsafeRawBufferPointer(rebasing: all[start..<(start + 5)])
            let payload = UnsafeRawBufferPointer(rebasing: all[(start + headerSize)...])
            return CRC32C.checksum(payload, continuing: CRC32C.checksum(header))
        }
        withUnsafeBytes(of: crc.littleEndian) { raw in
            for i in 0..<4 { w.bytes[start + 5 + i] = raw[i] }
        }
    }

    /// Reads the records of `bytes` in order, calling `body` with each and its offset; stops at
    /// the first record that is short, fails its checksum or does not decode.
    /// - Returns: nil when every byte was read, else where and why reading stopped.
    static func read(
        _ bytes: UnsafeRawBufferPointer, body: (WALRecord, Int) throws -> Void
    ) rethrows -> (offset: Int, reason: String)? {
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= headerSize else {
                return (offset, "record header cut short (\(bytes.count - offset) of \(headerSize) bytes)")
            }
            let kind = bytes[offset]
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
            let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 5, as: UInt32.self))
            guard length <= maxPayload else { return (offset, "record length \(length) is implausible") }
            guard bytes.count - offset - headerSize >= length else {
                return (offset, "record cut short (\(bytes.count - offset - headerSize) of \(length) payload bytes)")
            }
            let header = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 5)])
            let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + headerSize)..<(offset + headerSize + length)])
            let crc = CRC32C.checksum(payload, continuing: CRC32C.checksum(header))
            guard crc == stored else { return (offset, "checksum mismatch") }
            let record: WALRecord
            do {
                record = try WALRecord.decode(kind: kind, payload: payload)
            } catch {
                return (offset, "record does not decode: \(error)")
            }
            try body(record, offset)
            offset += headerSize + length
        }
        return nil
    }
}
