import Foundation
import PackingCore
import PostgresClient

/// Turns the rows of `bins_query` and `items_query` into the packing core's types.
///
/// Columns are found by name (snake_case of the JSON fields: examples/probes/bins.sql);
/// a NULL or non-numeric value in a required column fails the whole load, naming the row
/// and column, rather than planning against a guessed bin.
enum ProbeRows {
    static func bins(_ result: QueryResult) throws(ProbeLoadError) -> [StorageBin] {
        let reader = ColumnReader(result: result, query: "bins_query")
        try reader.require(["location_id", "max_weight_lbs"])
        var bins: [StorageBin] = []
        bins.reserveCapacity(result.rows.count)
        for (index, row) in result.rows.enumerated() {
            let at = RowRef(reader: reader, row: row, index: index)
            let id = try at.requiredText("location_id")
            let dimensions = try at.dimensions()
            guard let cube = try at.number("cubic_feet") ?? dimensions?.cubicFeet else {
                throw at.error("cubic_feet", "is NULL (and length, width, height are too)")
            }
            guard let maxWeight = try at.number("max_weight_lbs") else { throw at.error("max_weight_lbs", "is NULL") }
            bins.append(StorageBin(
                locationId: id, locationCode: at.text("location_code") ?? id, zone: at.text("zone") ?? "",
                aisle: at.text("aisle") ?? "", abcClass: try at.abcClass(), innerDimensions: dimensions,
                maxWeightLbs: maxWeight, cubicFeet: cube, usedCubicFeet: try at.number("used_cubic_feet") ?? 0,
                usedWeightLbs: try at.number("used_weight_lbs") ?? 0, skus: try at.skus(),
                congestion: try at.number("congestion") ?? 0))
        }
        return bins
    }

    /// One item line per material, quantity 1 (each batch sets its own quantities and lots).
    static func materials(_ result: QueryResult) throws(ProbeLoadError) -> [PutawayItem] {
        let reader = ColumnReader(result: result, query: "items_query")
        try reader.require(["material_id", "weight_lbs"])
        var items: [PutawayItem] = []
        items.reserveCapacity(result.rows.count)
        for (index, row) in result.rows.enumerated() {
            let at = RowRef(reader: reader, row: row, index: index)
            let id = try at.requiredText("material_id")
            let dimensions = try at.dimensions()
            guard let cube = try at.number("cubic_feet") ?? dimensions?.cubicFeet, cube > 0 else {
                throw at.error("cubic_feet", "is NULL or not positive (and length, width, height are NULL)")
            }
            guard let weight = try at.number("weight_lbs"), weight >= 0 else {
                throw at.error("weight_lbs", "is NULL or negative")
            }
            items.append(PutawayItem(
                materialId: id, sku: at.text("sku") ?? id, lotNumber: "", quantity: 1, unitDimensions: dimensions,
                unitCubicFeet: cube, unitWeightLbs: weight, abcClass: try at.abcClass()))
        }
        return items
    }
}

/// Why the probe could not load its bins or items.
public struct ProbeLoadError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the query or file, the row and the column.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

private struct ColumnReader {
    let result: QueryResult
    let query: String
    let indices: [String: Int]

    init(result: QueryResult, query: String) {
        self.result = result
        self.query = query
        var indices: [String: Int] = [:]
        for (index, column) in result.columns.enumerated() where indices[column.name] == nil { indices[column.name] = index }
        self.indices = indices
    }

    func require(_ names: [String]) throws(ProbeLoadError) {
        for name in names where indices[name] == nil {
            let present = result.columns.map(\.name).joined(separator: ", ")
            throw ProbeLoadError("\(query): no column \"\(name)\" in the result (columns: \(present))")
        }
    }
}

private struct RowRef {
    let reader: ColumnReader
    let row: Row
    let index: Int

    func error(_ column: String, _ problem: String) -> ProbeLoadError {
        ProbeLoadError("\(reader.query): row \(index + 1), column \(column): \(problem)")
    }

    func text(_ column: String) -> String? {
        reader.indices[column].flatMap { row[$0] }
    }

    func requiredText(_ column: String) throws(ProbeLoadError) -> String {
        guard let value = text(column), !value.isEmpty else { throw error(column, "is NULL or empty") }
        return value
    }

    func number(_ column: String) throws(ProbeLoadError) -> Double? {
        guard let at = reader.indices[column] else { return nil }
        let value: Double?
        do {
            value = try row.double(at: at, column: reader.result.columns[at])
        } catch {
            throw self.error(column, error.message)
        }
        guard let value else { return nil }
        guard value.isFinite else { throw error(column, "is not a finite number") }
        return value
    }

    /// length, width and height: all three or none.
    func dimensions() throws(ProbeLoadError) -> Dimensions? {
        let l = try number("length"), w = try number("width"), h = try number("height")
        switch (l, w, h) {
        case (nil, nil, nil): return nil
        case let (l?, w?, h?): return Dimensions(length: l, width: w, height: h)
        default: throw error("length", "length, width and height must be all NULL or all set")
        }
    }

    func abcClass() throws(ProbeLoadError) -> ABCClass? {
        guard let raw = text("abc_class")?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let value = ABCClass(rawValue: raw) else { throw error("abc_class", "expected A, B or C, found \"\(raw)\"") }
        return value
    }

    /// A JSON array of strings (`json_agg(sku)`), or NULL for none.
    func skus() throws(ProbeLoadError) -> [String] {
        guard let raw = text("skus") else { return [] }
        guard let list = try? JSONDecoder().decode([String].self, from: Data(raw.utf8)) else {
            throw error("skus", "expected a JSON array of strings (json_agg(sku))")
        }
        return list
    }
}
