import Model
import Testing
@testable import PromQL

/// XXH64 (seed 0) against the reference test vectors, and `labels.Hash()`'s byte layout.
@Suite struct XXHash64Tests {
    @Test(arguments: [
        ("", UInt64(0xef46_db37_51d8_e999)),
        ("a", UInt64(0xd24e_c4f1_a98c_6e5b)),
        ("abc", UInt64(0x44bc_2cf5_ad77_0999)),
        ("Nobody inspects the spammish repetition", UInt64(0xfbce_a83c_8a37_8bf1)),
    ])
    func referenceVectors(text: String, expected: UInt64) {
        #expect(XXHash64.hash(Array(text.utf8)) == expected)
    }

    @Test func labelsHashSeparatesWith0xFF() {
        let labels = Labels(["a": "b", "__name__": "x"])
        let bytes = Array("__name__\u{ff}x\u{ff}a\u{ff}b\u{ff}".unicodeScalars.map { UInt8($0.value) })
        #expect(XXHash64.hash(labels) == XXHash64.hash(bytes))
    }
}
