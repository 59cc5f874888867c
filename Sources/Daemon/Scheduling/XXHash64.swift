/// xxHash64 with seed 0 (cespare/xxhash `Sum64`), which Prometheus's `labels.Hash` uses;
/// needed to put rule groups on the same evaluation offsets Prometheus picks.
enum XXHash64 {
    private static let p1: UInt64 = 11_400_714_785_074_694_791
    private static let p2: UInt64 = 14_029_467_366_897_019_727
    private static let p3: UInt64 = 1_609_587_929_392_839_161
    private static let p4: UInt64 = 9_650_029_242_287_828_579
    private static let p5: UInt64 = 2_870_177_450_012_600_261

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        let n = bytes.count
        var index = 0
        var h: UInt64
        func read64(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            return v
        }
        func read32(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<4 { v |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            return v
        }
        func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
            var acc = acc &+ input &* p2
            acc = (acc << 31) | (acc >> 33)
            return acc &* p1
        }
        func merge(_ acc: UInt64, _ val: UInt64) -> UInt64 {
            let val = round(0, val)
            return (acc ^ val) &* p1 &+ p4
        }
        if n >= 32 {
            var v1 = p1 &+ p2, v2 = p2, v3: UInt64 = 0, v4 = 0 &- p1
            while index + 32 <= n {
                v1 = round(v1, read64(index))
                v2 = round(v2, read64(index + 8))
                v3 = round(v3, read64(index + 16))
                v4 = round(v4, read64(index + 24))
                index += 32
            }
            h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = p5
        }
        h = h &+ UInt64(n)
        while index + 8 <= n {
            let k1 = round(0, read64(index))
            h ^= k1
            h = ((h << 27) | (h >> 37)) &* p1 &+ p4
            index += 8
        }
        if index + 4 <= n {
            h ^= read32(index) &* p1
            h = ((h << 23) | (h >> 41)) &* p2 &+ p3
            index += 4
        }
        while index < n {
            h ^= UInt64(bytes[index]) &* p5
            h = ((h << 11) | (h >> 53)) &* p1
            index += 1
        }
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }
}
