import Model
import Testing
@testable import Rules

@Suite struct RuleTestFormatTests {
    @Test(arguments: [
        (Int64(0), "0s"), (250, "250ms"), (1500, "1.5s"), (60_000, "1m0s"), (300_000, "5m0s"), (3_600_000, "1h0m0s"),
        (3_661_001, "1h1m1.001s"), (-90_000, "-1m30s"),
    ])
    func goDuration(_ ms: Int64, _ text: String) {
        #expect(RuleTestFormat.goDuration(milliseconds: ms) == text)
    }

    @Test(arguments: [(1.0, "1E+00"), (0, "0E+00"), (65, "6.5E+01"), (1_704_067_200, "1.7040672E+09"), (-0.001, "-1E-03"),
                      (.nan, "NaN"), (.infinity, "+Inf")])
    func goFloatE(_ value: Double, _ text: String) {
        #expect(RuleTestFormat.float(value) == text)
    }

    @Test func labelsAndAlertLists() {
        #expect(RuleTestFormat.labels(Labels(["__name__": "up", "job": "a\"b"])) == #"{__name__="up", job="a\"b"}"#)
        #expect(RuleTestFormat.labels(Labels(["dotted.name": "x"])) == #"{"dotted.name"="x"}"#)
        #expect(RuleTestFormat.alerts([]) == "[]")
        let entry = RuleTestFormat.AlertEntry(labels: Labels(["alertname": "A"]), annotations: Labels())
        #expect(RuleTestFormat.alerts([entry, entry]) == "[\n0:\n  Labels:{alertname=\"A\"}\n  Annotations:{},\n1:\n  Labels:{alertname=\"A\"}\n  Annotations:{}\n]")
        #expect(RuleTestFormat.samples([]) == "nil")
    }
}
