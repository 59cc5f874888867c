import Model
import Testing

@Suite struct LabelsTests {
    @Test func sortsAndDropsEmptyValues() {
        let labels = Labels(["b": "2", "a": "1", "c": ""])
        #expect(labels.pairs.map(\.name) == ["a", "b"])
        #expect(labels["c"] == nil)
    }

    @Test func setKeepsOrderAndRemovesOnEmpty() {
        var labels = Labels(["a": "1", "c": "3"])
        labels.set("b", to: "2")
        #expect(labels.pairs.map(\.name) == ["a", "b", "c"])
        labels.set("a", to: "")
        #expect(labels.pairs.map(\.name) == ["b", "c"])
        labels.set("c", to: "x")
        #expect(labels["c"] == "x")
    }

    @Test func printsLikePrometheus() {
        let labels = Labels(["__name__": "up", "job": "a\"b", "instance": "x\\y\nz"])
        #expect(labels.description == #"up{instance="x\\y\nz", job="a\"b"}"#)
        #expect(Labels(["__name__": "up"]).description == "up")
    }

    @Test func comparesPairwiseThenByLength() {
        #expect(Labels(["a": "1"]) < Labels(["a": "2"]))
        #expect(Labels(["a": "1"]) < Labels(["a": "1", "b": "1"]))
        #expect(Labels(["a": "9"]) < Labels(["b": "1"]))
    }

    /// Reference values from prometheus/common `model.LabelSet{...}.Fingerprint()`:
    /// the empty set hashes to FNV-1a's offset basis; the others are computed by hand
    /// from the algorithm (names sorted, 0xFF after every name and value).
    @Test func fingerprintIsFNV1aOverSortedPairs() {
        #expect(Labels().fingerprint == 14_695_981_039_346_656_037)
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in Array("a".utf8) + [0xFF] + Array("1".utf8) + [0xFF] {
            hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211
        }
        #expect(Labels(["a": "1"]).fingerprint == hash)
        #expect(Labels(["a": "1"]).fingerprintHex.count == 16)
        #expect(Labels(["a": "1", "b": "2"]).fingerprint == Labels(["b": "2", "a": "1"]).fingerprint)
    }

    @Test(arguments: [("up", true), ("a:b_c9", true), ("9a", false), ("", false), ("a-b", false)])
    func metricNameValidity(name: String, valid: Bool) {
        #expect(MetricNames.isValidMetricName(name) == valid)
    }

    @Test(arguments: [("le", true), ("_x9", true), ("a:b", false), ("9a", false), ("", false)])
    func labelNameValidity(name: String, valid: Bool) {
        #expect(MetricNames.isValidLabelName(name) == valid)
    }
}
