public import Foundation
public import PackingCore

/// Malformed probe input: the file, the JSON path of the element and field, and what is wrong.
public struct PutawayInputError: Error, Sendable, CustomStringConvertible {
    /// The file the input came from.
    public var file: String
    /// The JSON path of the element and field (`items[3].quantity`); empty for the whole document.
    public var path: String
    /// What is wrong.
    public var message: String

    /// An error in `file` at `path`.
    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// `file: path: message`.
    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}

/// Decodes `{"bins":[…]}` and `{"items":[…]}` (docs/probe-putaway.md). Unknown fields are errors.
/// Shared by `binwatch probe putaway` and the putaway probe source's `bins_file`/`items_file`.
public enum PutawayInput {
    /// Decodes `{"bins":[…]}`.
    /// - Throws: `PutawayInputError` naming the element and field.
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

    /// Decodes `{"items":[…]}`.
    /// - Throws: `PutawayInputError` naming the element and field.
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
