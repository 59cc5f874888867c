@testable import Exposition
import Model
import PropertyBased
import Testing

/// Encoding random valid families and parsing the text gives the same families back.
@Suite struct RoundTripTests {
    @Test func encodeThenParseIsIdentity() async throws {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let families = RandomFamilies.make(&rng)
            do {
                let text = try TextEncoder(textfile: true).encode(families)
                let parsed = try TextParser(textfile: true).parse(text)
                let expected = try TextParser().parse(TextEncoder().encode(families))
                #expect(Self.seriesTable(parsed) == Self.seriesTable(expected))  // not ==: NaN != NaN
                // The families' content survives: same series and bit-identical values.
                #expect(Self.seriesTable(parsed) == Self.seriesTable(families), "seed \(seed)")
                #expect(parsed.map(\.name) == families.map(\.name).sorted())
                // Encoding what was parsed reproduces the text byte for byte.
                #expect(try TextEncoder().encode(parsed) == text)
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }

    /// name{labels} -> (value bits, family type, help), independent of order.
    static func seriesTable(_ families: [MetricFamily]) -> [String: String] {
        var table: [String: String] = [:]
        for family in families {
            for sample in family.samples {
                // NaN payloads cannot be spelled in the text format: every NaN reads back as one NaN.
                let value = sample.value.isNaN ? "NaN" : String(sample.value.bitPattern)
                table["\(sample.name)\(sample.labels)"] = "\(value) \(family.type) \(family.help.map { String($0.drop { $0 == " " || $0 == "\t" }) } ?? "<nil>")"
            }
        }
        return table
    }
}

/// A small deterministic generator, so a failing seed reproduces.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random families that the format can carry: every type, awkward label values and HELP
/// texts (escapes, quotes, newlines, non-ASCII), special and extreme float values.
enum RandomFamilies {
    static let nameAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:0123456789")
    static let valueAlphabet = Array("ab\\\"\n {}=,#üé€😀\t0.9")

    static func name(_ rng: inout SplitMix, colon: Bool) -> String {
        let alphabet = colon ? nameAlphabet : nameAlphabet.filter { $0 != ":" }
        let first = alphabet.filter { !$0.isNumber }
        var text = String(first[Int.random(in: 0..<first.count, using: &rng)])
        for _ in 0..<Int.random(in: 0...8, using: &rng) { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
        return text
    }

    static func text(_ rng: inout SplitMix) -> String {
        String((0..<Int.random(in: 0...10, using: &rng)).map { _ in valueAlphabet[Int.random(in: 0..<valueAlphabet.count, using: &rng)] })
    }

    static func value(_ rng: inout SplitMix) -> Double {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return [.nan, .infinity, -.infinity, 0, -0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude][Int.random(in: 0..<7, using: &rng)]
        case 1: return Double(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 2: return Double(bitPattern: rng.next())
        default: return Double.random(in: -1e9...1e9, using: &rng) * pow10(Int.random(in: -12...12, using: &rng))
        }
    }

    static func pow10(_ e: Int) -> Double { e >= 0 ? (0..<e).reduce(1.0) { v, _ in v * 10 } : 1 / pow10(-e) }

    static func labels(_ rng: inout SplitMix, reserved: Set<String>) -> Labels {
        var pairs: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            let n = name(&rng, colon: false)
            guard !n.hasPrefix("__"), !reserved.contains(n) else { continue }
            pairs[n] = text(&rng)
        }
        return Labels(pairs)
    }

    static func make(_ rng: inout SplitMix) -> [MetricFamily] {
        var families: [String: MetricFamily] = [:]
        var owned = Set<String>()
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let base = name(&rng, colon: true)
            let type = MetricType.allCases[Int.random(in: 0..<MetricType.allCases.count, using: &rng)]
            let names = type == .histogram ? ["_bucket", "_sum", "_count"].map { base + $0 }
                : type == .summary ? [base, base + "_sum", base + "_count"] : [base]
            guard families[base] == nil, owned.isDisjoint(with: names + [base]) else { continue }
            owned.formUnion(names + [base])
            let help: String? = Bool.random(using: &rng) ? text(&rng) : nil
            var samples: [MetricSample] = []
            var seen = Set<Labels>()
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let series = labels(&rng, reserved: ["le", "quantile"])
                guard seen.insert(series).inserted else { continue }
                switch type {
                case .histogram:
                    var cumulative = 0.0
                    var bound = Double.random(in: -5...5, using: &rng)
                    for _ in 0..<Int.random(in: 0...4, using: &rng) {
                        cumulative += Double(Int.random(in: 0...10, using: &rng))
                        samples.append(MetricSample(name: base + "_bucket", labels: series.setting("le", to: GoFloat.format(bound)), value: cumulative))
                        bound += Double.random(in: 0.001...100, using: &rng)
                    }
                    samples.append(MetricSample(name: base + "_bucket", labels: series.setting("le", to: "+Inf"), value: cumulative))
                    samples.append(MetricSample(name: base + "_sum", labels: series, value: value(&rng)))
                    samples.append(MetricSample(name: base + "_count", labels: series, value: cumulative))
                case .summary:
                    for q in [0.5, 0.9, 0.99].prefix(Int.random(in: 0...3, using: &rng)) {
                        samples.append(MetricSample(name: base, labels: series.setting("quantile", to: GoFloat.format(q)), value: value(&rng)))
                    }
                    samples.append(MetricSample(name: base + "_sum", labels: series, value: value(&rng)))
                    samples.append(MetricSample(name: base + "_count", labels: series, value: Double(Int.random(in: 0...1000, using: &rng))))
                default:
                    samples.append(MetricSample(name: base, labels: series, value: value(&rng)))
                }
            }
            families[base] = MetricFamily(name: base, help: help, type: type, samples: samples.shuffled(using: &rng))
        }
        return families.values.sorted { $0.name < $1.name }
    }
}
