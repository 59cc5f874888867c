import Foundation
import PackingCore

/// The JSON the command prints, camelCase as in the WMS's GraphQL (docs/probe-putaway.md).
struct PutawayOutput: Encodable {
    struct RecommendationJSON: Encodable {
        var materialId: String, lotNumber: String, quantity: Int, locationId: String, locationCode: String
        var algorithm: String, confidenceScore: Double, reasonCode: String, estimatedUtilization: Double
        var crossDockCandidate: Bool, skuAffinityScore: Double
    }

    struct UnplacedJSON: Encodable {
        var materialId: String, lotNumber: String, quantity: Int, reason: String
    }

    struct SummaryJSON: Encodable {
        var totalItems: Int, recommendationsGenerated: Int, processingTimeMs: Double
        var unitsRequested: Int, unitsPlaced: Int, binsUsed: Int
    }

    struct BinIssueJSON: Encodable {
        var locationId: String, field: String, message: String
    }

    var recommendations: [RecommendationJSON]
    var unplaced: [UnplacedJSON]
    var processingSummary: SummaryJSON
    var binIssues: [BinIssueJSON]

    init(plan: PutawayPlan, processingTimeMs: Double) {
        recommendations = plan.recommendations.map {
            RecommendationJSON(
                materialId: $0.materialId, lotNumber: $0.lotNumber, quantity: $0.quantity, locationId: $0.locationId,
                locationCode: $0.locationCode, algorithm: $0.algorithm.rawValue,
                confidenceScore: PutawayOutput.round($0.confidenceScore, 3), reasonCode: $0.reasonCode.rawValue,
                estimatedUtilization: PutawayOutput.round($0.estimatedUtilization, 4),
                crossDockCandidate: $0.crossDockCandidate, skuAffinityScore: PutawayOutput.round($0.skuAffinityScore, 3))
        }
        unplaced = plan.unplaced.map {
            UnplacedJSON(materialId: $0.materialId, lotNumber: $0.lotNumber, quantity: $0.quantity, reason: $0.reason.rawValue)
        }
        processingSummary = SummaryJSON(
            totalItems: plan.summary.totalItems, recommendationsGenerated: plan.summary.recommendationsGenerated,
            processingTimeMs: PutawayOutput.round(processingTimeMs, 3), unitsRequested: plan.summary.unitsRequested,
            unitsPlaced: plan.summary.unitsPlaced, binsUsed: plan.summary.binsUsed)
        binIssues = plan.binIssues.map { BinIssueJSON(locationId: $0.locationId, field: $0.field, message: $0.message) }
    }

    /// Rounds for print (the seeds store confidence as DECIMAL(4,3)).
    static func round(_ value: Double, _ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
