import CSnappy

/// Snappy block compression (not the framed format), as the remote write specification
/// requires for request bodies; Debian's libsnappy through its C interface.
public enum Snappy {
    /// Why a body could not be (de)compressed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { "snappy: \(message)" }
    }

    /// `input` compressed as one snappy block.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var capacity = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.withMemoryRebound(to: CChar.self) { src in
                    target.withMemoryRebound(to: CChar.self) { dst in
                        snappy_compress(src.baseAddress, src.count, dst.baseAddress, &capacity)
                    }
                }
            }
        }
        // snappy_compress fails only for a buffer shorter than snappy_max_compressed_length.
        precondition(status == SNAPPY_OK, "snappy_compress with a buffer of snappy_max_compressed_length failed")
        output.removeSubrange(capacity...)
        return output
    }

    /// A snappy block decompressed (the tests' receivers and the benchmark read bodies back).
    /// - Throws: `Snappy.Failure` when `input` is not a valid block.
    public static func decompress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        var length = 0
        let sized = input.withUnsafeBufferPointer { source in
            source.withMemoryRebound(to: CChar.self) { snappy_uncompressed_length($0.baseAddress, $0.count, &length) }
        }
        guard sized == SNAPPY_OK, length <= 1 << 30 else { throw Failure(message: "not a snappy block (bad length header)") }
        var output = [UInt8](repeating: 0, count: length)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.withMemoryRebound(to: CChar.self) { src in
                    target.withMemoryRebound(to: CChar.self) { dst in
                        snappy_uncompress(src.baseAddress, src.count, dst.baseAddress, &length)
                    }
                }
            }
        }
        guard status == SNAPPY_OK else { throw Failure(message: "not a valid snappy block") }
        return output
    }
}
