import PromQL
import Testing
@testable import Rules

/// Reference digests of xxHash64 (seed 0), including one past the 32-byte block path.
@Suite struct XXHash64Tests {
    @Test(arguments: [
        ("", UInt64(0xEF46_DB37_51D8_E999)), ("a", 0xD24E_C4F1_A98C_6E5B), ("abc", 0x44BC_2CF5_AD77_0999),
        ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1),
    ])
    func digest(_ text: String, _ expected: UInt64) {
        #expect(XXHash64.hash(Array(text.utf8)) == expected)
    }
}
