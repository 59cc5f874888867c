import Foundation
import Testing
@testable import PackingCore

/// The probe JSON reader moved here from the CLI (end to end: BinwatchCLITests/ProbeTests).
struct PutawayInputTests {
    @Test func binsAndItemsDecode() throws {
        let bins = try PutawayInput.bins(from: Data(#"{"bins":[{"locationId":"L1","length":12,"width":12,"height":12,"maxWeightLbs":50,"skus":["S"]}]}"#.utf8), file: "b.json")
        #expect(bins.count == 1)
        #expect(bins[0].cubicFeet == 1)
        #expect(bins[0].skus == ["S"])
        let items = try PutawayInput.items(from: Data(#"{"items":[{"materialId":"M","quantity":3,"cubicFeet":0.5,"weightLbs":2,"rotation":"none"}]}"#.utf8), file: "i.json")
        #expect(items.count == 1 && items[0].quantity == 3 && items[0].rotation == RotationPolicy.none)
    }

    @Test(arguments: [
        (#"{"bins":[{"locationId":"L1","maxWeightLbs":5}]}"#, "b.json: bins[0].cubicFeet: required when length, width and height are absent"),
        (#"{"bins":[{"locationId":"L1","cubicFeet":-1,"maxWeightLbs":5}]}"#, "b.json: bins[0].cubicFeet: expected a number > 0, found -1.0"),
        (#"{"bins":[],"extra":1}"#, "b.json: unknown field \"extra\" (expected only \"bins\")"),
        (#"[1]"#, "b.json: expected an object {\"bins\": [...]}, found an array"),
    ])
    func badBinsNameTheField(json: String, message: String) {
        do {
            _ = try PutawayInput.bins(from: Data(json.utf8), file: "b.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == message)
        }
    }
}
