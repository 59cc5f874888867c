extension Labels {
    /// The 64-bit FNV-1a fingerprint prometheus/common's `LabelSet.Fingerprint` computes:
    /// names in sorted order, each name and value followed by the 0xFF separator byte.
    /// Alertmanager identifies alerts by it, so two binwatch replicas agree with each
    /// other and with Alertmanager on which alert is which.
    public var fingerprint: UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        for pair in pairs {
            pair.name.utf8.forEach(add)
            add(0xFF)
            pair.value.utf8.forEach(add)
            add(0xFF)
        }
        return hash
    }

    /// The fingerprint as 16 lowercase hex digits, as Alertmanager prints it.
    public var fingerprintHex: String {
        let hex = String(fingerprint, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
