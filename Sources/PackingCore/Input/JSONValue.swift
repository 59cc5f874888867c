import Foundation

/// A parsed JSON document, kept as a tree so that every field can be checked by name and the
/// error can say which element and which field is wrong (Codable's errors cannot, readably).
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// How the value reads in an error message.
    var summary: String {
        switch self {
        case .null: "null"
        case .bool(let b): "boolean \(b)"
        case .number(let n): "number \(n)"
        case .string(let s): "string \"\(s.prefix(40))\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
