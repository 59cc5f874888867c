@testable import Storage
import Testing

@Suite struct CRC32CTests {
    /// The check value of the CRC-32C catalogue ("123456789"), and the same value when the
    /// input is fed in two pieces or is long enough for the eight-byte loop.
    @Test func knownValues() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        let bytes = Array("The quick brown fox jumps over the lazy dog".utf8)
        let whole = CRC32C.checksum(bytes)
        let first = CRC32C.checksum(Array(bytes[..<13]))
        let split = Array(bytes[13...]).withUnsafeBytes { CRC32C.checksum($0, continuing: first) }
        #expect(whole == 0x2262_0404)
        #expect(split == whole)
    }
}
