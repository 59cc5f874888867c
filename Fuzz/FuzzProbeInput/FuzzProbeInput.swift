import Foundation
import FuzzSupport
import PackingCore

/// `binwatch probe putaway` inputs: any bytes either decode as `{"bins":[…]}` / `{"items":[…]}`
/// or throw `PutawayInputError`. When the input holds a NUL byte, the part before it is read as
/// the bins file and the part after as the items file, and whatever decodes is planned with
/// every algorithm: the planner must accept every input the reader accepts, place no more
/// units than were requested, and use only the bins it was given.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    _ = try? PutawayInput.bins(from: Data(bytes), file: "bins.json")
    _ = try? PutawayInput.items(from: Data(bytes), file: "items.json")
    guard let nul = bytes.firstIndex(of: 0),
          let bins = try? PutawayInput.bins(from: Data(bytes[..<nul]), file: "bins.json"),
          let items = try? PutawayInput.items(from: Data(bytes[(nul + 1)...]), file: "items.json")
    else { return 0 }
    let binIds = Set(bins.map(\.locationId))
    for algorithm in PutawayAlgorithm.allCases {
        let plan = PutawayPlanner.plan(PutawayRequest(bins: bins, items: items, algorithm: algorithm))
        let requested = items.reduce(0) { $0 + $1.quantity }
        let placed = plan.recommendations.reduce(0) { $0 + $1.quantity }
        fuzzCheck(placed == plan.summary.unitsPlaced, "\(algorithm): summary says \(plan.summary.unitsPlaced) units placed, recommendations \(placed)")
        fuzzCheck(placed <= requested, "\(algorithm): placed \(placed) of \(requested) units")
        for r in plan.recommendations {
            fuzzCheck(r.quantity > 0 && binIds.contains(r.locationId), "\(algorithm): \(r.quantity) units into bin \(r.locationId)")
        }
    }
    return 0
}

@main enum Main {
    static func main() { FuzzMain.run(fuzz) }
}
