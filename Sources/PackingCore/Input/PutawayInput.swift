public import Foundation
import Model

/// Decodes `{"bins":[…]}` and `{"items":[…]}` (docs/probe-putaway.md). Unknown fields are errors.
/// Pure: the caller reads the file and passes its bytes (so the fuzzer can drive it directly).
public enum PutawayInput {
    /// The bins of a `{"bins":[…]}` document read from `file` (named in errors only).
    /// - Throws: `PutawayInputError` naming the element and field at fault.
    public static func bins(from data: Data, file: String) throws(PutawayInputError) -> [StorageBin] {
        let list = try topLevelArray(data, key: "bins", file: file)
        var out = [StorageBin]()
        for (index, value) in list.enumerated() {
            let r = try FieldReader(value, path: "bins[\(index)]", file: file, allowed: [
                "locationId", "locationCode", "zone", "aisle", "abcClass", "length", "width", "height", "maxWeightLbs",
                "cubicFeet", "usedCubicFeet", "usedWeightLbs", "skus", "congestion",
            ])
            let id = try r.string("locationId")
            let dims = try r.dimensions()
            let cube = try r.optionalNumber("cubicFeet", positive: true) ?? dims?.cubicFeet
            guard let cube else { throw r.error("cubicFeet", "required when length, width and height are absent") }
            out.append(StorageBin(
                locationId: id, locationCode: try r.optionalString("locationCode") ?? id,
                zone: try r.optionalString("zone") ?? "", aisle: try r.optionalString("aisle") ?? "",
                abcClass: try r.abcClass(), innerDimensions: dims, maxWeightLbs: try r.number("maxWeightLbs"),
                cubicFeet: cube, usedCubicFeet: try r.optionalNumber("usedCubicFeet") ?? 0,
                usedWeightLbs: try r.optionalNumber("usedWeightLbs") ?? 0, skus: try r.stringArray("skus"),
                congestion: try r.optionalNumber("congestion") ?? 0))
        }
        return out
    }

    /// The items of an `{"items":[…]}` document read from `file` (named in errors only).
    /// - Throws: `PutawayInputError` naming the element and field at fault.
    public static func items(from data: Data, file: String) throws(PutawayInputError) -> [PutawayItem] {
        let list = try topLevelArray(data, key: "items", file: file)
        var out = [PutawayItem]()
        for (index, value) in list.enumerated() {
            let r = try FieldReader(value, path: "items[\(index)]", file: file, allowed: [
                "materialId", "sku", "lotNumber", "quantity", "length", "width", "height", "cubicFeet", "weightLbs",
                "abcClass", "rotation", "outboundDemand",
            ])
            let material = try r.string("materialId")
            let quantity = try r.integer("quantity", minimum: 1)
            let dims = try r.dimensions()
            let cube = try r.optionalNumber("cubicFeet", positive: true) ?? dims?.cubicFeet
            guard let cube else { throw r.error("cubicFeet", "required when length, width and height are absent") }
            var rotation = RotationPolicy.any
            if let text = try r.optionalString("rotation") {
                guard let policy = RotationPolicy(rawValue: text) else {
                    throw r.error("rotation", "expected \"any\", \"this-way-up\" or \"none\", found \"\(text)\"")
                }
                rotation = policy
            }
            out.append(PutawayItem(
                materialId: material, sku: try r.optionalString("sku") ?? material,
                lotNumber: try r.optionalString("lotNumber") ?? "", quantity: quantity, unitDimensions: dims,
                unitCubicFeet: cube, unitWeightLbs: try r.number("weightLbs"), abcClass: try r.abcClass(),
                rotation: rotation, outboundDemand: try r.optionalInteger("outboundDemand", minimum: 0)))
        }
        return out
    }

    static func topLevelArray(_ data: Data, key: String, file: String) throws(PutawayInputError) -> [JSONValue] {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw PutawayInputError(file: file, path: "", message: "not valid JSON (\(error))")
        }
        guard case .object(let fields) = root else {
            throw PutawayInputError(file: file, path: "", message: "expected an object {\"\(key)\": [...]}, found \(root.summary)")
        }
        if let unknown = fields.keys.filter({ $0 != key }).sorted().first {
            throw PutawayInputError(file: file, path: "", message: "unknown field \"\(unknown)\" (expected only \"\(key)\")")
        }
        guard let value = fields[key] else {
            throw PutawayInputError(file: file, path: "", message: "missing field \"\(key)\"")
        }
        guard case .array(let list) = value else {
            throw PutawayInputError(file: file, path: key, message: "expected an array, found \(value.summary)")
        }
        return list
    }
}
