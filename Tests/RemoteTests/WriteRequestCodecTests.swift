import Model
import Remote
import Testing

@Suite struct WriteRequestCodecTests {
    @Test func aBodyDecodesBackBitForBit() throws {
        let series = [
            RemoteSeries(labels: Labels(["__name__": "wh_putaways_total", "facility": "F1", "site": "plant-1"]),
                         timestamps: [1_700_000_000_000, 1_700_000_015_000], values: [3, 4.25]),
            // A staleness marker and special values travel as their IEEE-754 bits.
            RemoteSeries(labels: Labels(["__name__": "ALERTS", "alertname": "X", "alertstate": "pending"]),
                         timestamps: [1_700_000_000_000, 1_700_000_001_000, 1_700_000_002_000],
                         values: [Double(bitPattern: 0x7ff0_0000_0000_0002), .infinity, -0.0]),
        ]
        let body = try WriteRequestCodec.encode(series)
        #expect(try WriteRequestCodec.decode(body) == series)
    }

    @Test func labelsGoOutSortedByName() throws {
        let body = try WriteRequestCodec.encode([
            RemoteSeries(labels: Labels(["zone": "A", "__name__": "m", "facility": "F1"]), timestamps: [1], values: [1]),
        ])
        let decoded = try WriteRequestCodec.decode(body)
        #expect(decoded.first?.labels.map(\.name) == ["__name__", "facility", "zone"])
    }

    @Test func snappyRoundTripsAndRefusesGarbage() throws {
        let text = Array(String(repeating: "wh_putaways_total{facility=\"F1\"} 1\n", count: 200).utf8)
        let compressed = Snappy.compress(text)
        #expect(compressed.count < text.count / 5)
        #expect(try Snappy.decompress(compressed) == text)
        #expect(throws: Snappy.Failure.self) { try Snappy.decompress([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) }
        #expect(throws: WriteRequestCodec.Failure.self) { try WriteRequestCodec.decode(Snappy.compress([0x0a, 0x05, 0x01])) }
    }
}
