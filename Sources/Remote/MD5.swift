import Crypto

/// MD5 for `hashmod` relabelling, which Prometheus defines over an MD5 sum (the last 8 bytes of
/// the digest, big-endian); not used for anything secret, hence swift-crypto's `Insecure`.
enum MD5 {
    static func sum64(_ text: String) -> UInt64 {
        Insecure.MD5.hash(data: Array(text.utf8)).suffix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
