public import Model

/// What one WAL record holds (Prometheus's `tsdb/record`): the series a batch created,
/// its samples, or which series one source reported last (the store's staleness memory).
public enum WALRecord: Sendable, Equatable {
    /// New series, each with the store's stable reference number.
    case series([WALSeries])
    /// Samples by series reference; values are kept bit for bit (staleness markers too).
    case samples(WALSamples)
    /// The complete set of series a source reported in its last snapshot.
    case sourceSeen(source: String, refs: [UInt64])

    /// The type byte in a record's header.
    enum Kind: UInt8 {
        case series = 1
        case samples = 2
        case sourceSeen = 3
    }
}

/// One series definition.
public struct WALSeries: Sendable, Equatable {
    public var ref: UInt64
    public var labels: Labels

    public init(ref: UInt64, labels: Labels) {
        self.ref = ref
        self.labels = labels
    }
}

/// Samples as three parallel arrays (the layout the store appends from and the encoder reads).
public struct WALSamples: Sendable, Equatable {
    public var refs: [UInt64] = []
    public var timestamps: [Int64] = []
    public var values: [Double] = []

    public init() {}

    public var count: Int { refs.count }
    public var isEmpty: Bool { refs.isEmpty }

    public mutating func append(ref: UInt64, timestamp: Int64, value: Double) {
        refs.append(ref)
        timestamps.append(timestamp)
        values.append(value)
    }

    public mutating func removeAll() {
        refs.removeAll(keepingCapacity: true)
        timestamps.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    public static func == (a: WALSamples, b: WALSamples) -> Bool {
        a.refs == b.refs && a.timestamps == b.timestamps
            && a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
    }
}

extension WALRecord {
    /// The record's payload (without the frame header).
    func encodePayload(into w: inout ByteWriter) {
        switch self {
        case .series(let series):
            w.uvarint(UInt64(series.count))
            for s in series {
                w.uvarint(s.ref)
                w.uvarint(UInt64(s.labels.count))
                for label in s.labels {
                    w.string(label.name)
                    w.string(label.value)
                }
            }
        case .samples(let samples):
            // Deltas against the previous sample: refs ascend within a batch and a cycle's
            // samples share one timestamp, so both take one byte (Prometheus encodes deltas
            // to the first sample). Values: see `encodeValue`.
            w.uvarint(UInt64(samples.count))
            var ref: Int64 = 0, t: Int64 = 0
            for i in 0..<samples.count {
                let r = Int64(bitPattern: samples.refs[i])
                w.varint(r &- ref)
                w.varint(samples.timestamps[i] &- t)
                Self.encodeValue(samples.values[i], into: &w)
                ref = r
                t = samples.timestamps[i]
            }
        case .sourceSeen(let source, let refs):
            w.string(source)
            w.uvarint(UInt64(refs.count))
            var previous: Int64 = 0
            for r in refs {
                w.varint(Int64(bitPattern: r) &- previous)
                previous = Int64(bitPattern: r)
            }
        }
    }

    /// A value that is a whole number of magnitude below 2^53 (counts, counters, states: most
    /// of a WMS's samples) is one zig-zag varint shifted left once (low bit 0), 1 to 8 bytes;
    /// any other value (fractions, NaN markers, infinities, -0) is the byte 1 and its 8 IEEE-754
    /// bytes. Both come back bit for bit.
    @inline(__always)
    static func encodeValue(_ v: Double, into w: inout ByteWriter) {
        if v.magnitude < 9_007_199_254_740_992, v == v.rounded(.towardZero), v.bitPattern != (-0.0).bitPattern {
            let i = Int64(v)
            w.uvarint(UInt64(bitPattern: (i << 1) ^ (i >> 63)) << 1)
        } else {
            w.byte(1)
            w.uint64(v.bitPattern)
        }
    }

    @inline(__always)
    static func decodeValue(_ r: inout ByteReader) throws(RecordDecodeError) -> Double {
        let tagged = try r.uvarint()
        if tagged & 1 == 0 {
            let zz = tagged >> 1
            return Double(Int64(bitPattern: zz >> 1) ^ -Int64(bitPattern: zz & 1))
        }
        guard tagged == 1 else { throw RecordDecodeError(offset: r.offset, "bad value tag \(tagged)") }
        return Double(bitPattern: try r.uint64())
    }

    var kind: Kind {
        switch self {
        case .series: .series
        case .samples: .samples
        case .sourceSeen: .sourceSeen
        }
    }

    /// Decodes one payload of type `kind`.
    static func decode(kind: UInt8, payload: UnsafeRawBufferPointer) throws(RecordDecodeError) -> WALRecord {
        var r = ByteReader(payload)
        let record: WALRecord
        switch Kind(rawValue: kind) {
        case .series:
            let n = try r.count()
            var series: [WALSeries] = []
            series.reserveCapacity(n)
            for _ in 0..<n {
                let ref = try r.uvarint()
                let labelCount = try r.count()
                var pairs: [Label] = []
                pairs.reserveCapacity(labelCount)
                for _ in 0..<labelCount {
                    let name = try r.string()
                    pairs.append(Label(name: name, value: try r.string()))
                }
                series.append(WALSeries(ref: ref, labels: Labels(pairs)))
            }
            record = .series(series)
        case .samples:
            let n = try r.count()
            var samples = WALSamples()
            samples.refs.reserveCapacity(n)
            samples.timestamps.reserveCapacity(n)
            samples.values.reserveCapacity(n)
            var ref: Int64 = 0, t: Int64 = 0
            for _ in 0..<n {
                ref = ref &+ (try r.varint())
                t = t &+ (try r.varint())
                samples.append(ref: UInt64(bitPattern: ref), timestamp: t, value: try decodeValue(&r))
            }
            record = .samples(samples)
        case .sourceSeen:
            let source = try r.string()
            let n = try r.count()
            var refs: [UInt64] = []
            refs.reserveCapacity(n)
            var previous: Int64 = 0
            for _ in 0..<n {
                previous = previous &+ (try r.varint())
                refs.append(UInt64(bitPattern: previous))
            }
            record = .sourceSeen(source: source, refs: refs)
        case nil:
            throw RecordDecodeError(offset: 0, "unknown record type \(kind)")
        }
        guard r.isAtEnd else { throw RecordDecodeError(offset: r.offset, "trailing bytes after the record") }
        return record
    }
}
