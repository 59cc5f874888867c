import Foundation
import Testing

/// `binwatch probe putaway` on good and bad JSON files.
@Suite struct ProbeTests {
    let dir: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("probe-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let bins = """
        {"bins":[
         {"locationId":"L1","locationCode":"A-01","zone":"Z1","aisle":"1","abcClass":"A","length":48,"width":40,"height":36,
          "maxWeightLbs":500,"cubicFeet":40,"usedCubicFeet":10,"usedWeightLbs":100,"skus":["SKU-1"],"congestion":0.2},
         {"locationId":"L2","locationCode":"B-01","cubicFeet":8,"usedCubicFeet":9,"maxWeightLbs":200},
         {"locationId":"L3","locationCode":"C-01","cubicFeet":20,"maxWeightLbs":300}
        ]}
        """
    static let items = """
        {"items":[
         {"materialId":"M1","sku":"SKU-1","lotNumber":"LOT-1","quantity":10,"length":12,"width":10,"height":8,"weightLbs":5,
          "abcClass":"A","rotation":"this-way-up"},
         {"materialId":"M2","sku":"SKU-2","lotNumber":"LOT-2","quantity":3,"cubicFeet":5.5,"weightLbs":50},
         {"materialId":"M3","lotNumber":"LOT-3","quantity":1,"length":60,"width":60,"height":60,"weightLbs":5}
        ]}
        """

    @Test(arguments: ["FFD", "BFD", "HYBRID"])
    func goodInputGivesConservedRecommendations(algorithm: String) async throws {
        let result = try await BinwatchProcess.run([
            "probe", "putaway", "--bins", try write("bins.json", Self.bins), "--items", try write("items.json", Self.items),
            "--algorithm", algorithm, "--time-budget-ms", "20",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let recs = try #require(json["recommendations"] as? [[String: Any]])
        let unplaced = try #require(json["unplaced"] as? [[String: Any]])
        let summary = try #require(json["processingSummary"] as? [String: Any])
        var units = [String: Int]()
        for rec in recs {
            units[rec["materialId"] as? String ?? "", default: 0] += rec["quantity"] as? Int ?? 0
            #expect(rec["algorithm"] as? String == algorithm)
            #expect(rec["locationId"] as? String != "L2", "contradictory bin used")
            let score = try #require(rec["confidenceScore"] as? Double)
            #expect((0...1).contains(score))
            for key in ["lotNumber", "locationCode", "reasonCode", "estimatedUtilization", "crossDockCandidate", "skuAffinityScore"] {
                #expect(rec[key] != nil, "missing \(key)")
            }
        }
        for line in unplaced { units[line["materialId"] as? String ?? "", default: 0] += line["quantity"] as? Int ?? 0 }
        #expect(units == ["M1": 10, "M2": 3, "M3": 1])
        #expect(unplaced.first?["reason"] as? String == "TOO_LARGE_FOR_EVERY_BIN")
        #expect(summary["totalItems"] as? Int == 3)
        #expect(summary["recommendationsGenerated"] as? Int == recs.count)
        #expect(summary["processingTimeMs"] is Double)
        let issues = try #require(json["binIssues"] as? [[String: Any]])
        #expect(issues.map { $0["field"] as? String } == ["usedCubicFeet"])
        #expect(result.stderr.contains("bins[1] (L2).usedCubicFeet: used cube 9.0 exceeds capacity 8.0"))
    }

    @Test(arguments: [
        ("{\"items\":[{\"materialId\":\"M\",\"quantity\":\"ten\",\"cubicFeet\":1,\"weightLbs\":1}]}",
         "items[0].quantity: expected an integer, found string \"ten\""),
        ("{\"items\":[{\"materialId\":\"M\",\"quantity\":1,\"weightLbs\":1},{}]}",
         "items[0].cubicFeet: required when length, width and height are absent"),
        ("{\"items\":[{\"materialId\":\"M\",\"quantity\":2,\"length\":3,\"width\":4,\"weightLbs\":1}]}",
         "items[0].height: required when any of length, width, height is given"),
        ("{\"items\":[{\"materialId\":\"M\",\"quantity\":1,\"cubicFeet\":1,\"weightLbs\":1,\"rotation\":\"sideways\"}]}",
         "items[0].rotation: expected \"any\", \"this-way-up\" or \"none\", found \"sideways\""),
        ("{\"items\":[{\"materialId\":\"M\",\"quantity\":1,\"cubicFeet\":1,\"weightLbs\":1,\"colour\":\"red\"}]}",
         "items[0]: unknown field \"colour\""),
        ("{\"items\":[{\"materialId\":\"M\",\"quantity\":1.5,\"cubicFeet\":1,\"weightLbs\":1}]}",
         "items[0].quantity: expected an integer, found number 1.5"),
        ("{\"items\": 3}", "items: expected an array, found number 3.0"),
        ("{\"items\":[", "not valid JSON"),
    ])
    func badItemsExitOneNamingElementAndField(text: String, message: String) async throws {
        let result = try await BinwatchProcess.run([
            "probe", "putaway", "--bins", try write("bins.json", Self.bins), "--items", try write("bad.json", text),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func badBinsExitOne() async throws {
        let bins = "{\"bins\":[{\"locationId\":\"L1\",\"cubicFeet\":10,\"maxWeightLbs\":5},{\"locationId\":\"L2\",\"cubicFeet\":-1,\"maxWeightLbs\":5}]}"
        let result = try await BinwatchProcess.run([
            "probe", "putaway", "--bins", try write("b.json", bins), "--items", try write("i.json", Self.items),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bins[1].cubicFeet: expected a number > 0, found -1.0"), "\(result.stderr)")
    }

    @Test func unknownAlgorithmIsRefused() async throws {
        let result = try await BinwatchProcess.run([
            "probe", "putaway", "--bins", try write("b.json", Self.bins), "--items", try write("i.json", Self.items),
            "--algorithm", "RANDOM",
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("expected FFD, BFD or HYBRID"))
    }
}
