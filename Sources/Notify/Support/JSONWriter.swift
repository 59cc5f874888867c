import Model

/// Builds JSON text the way Go's `json.Encoder` writes Alertmanager's payloads: object
/// keys in struct-field order, `<`, `>`, `&`, U+2028 and U+2029 escaped as `\uXXXX`.
/// A hand writer rather than `JSONEncoder` because key order and escaping are part of
/// being byte-compatible with what receivers already parse from Alertmanager.
struct JSONWriter {
    private(set) var text = ""

    /// An ordered list of key/value pairs, written as one object.
    struct Object {
        fileprivate var members: [(String, JSONValue)] = []

        mutating func add(_ key: String, _ value: JSONValue) { members.append((key, value)) }
        mutating func add(_ key: String, _ value: String) { members.append((key, .string(value))) }
        /// Adds `key` only when `value` is not empty (Go's `omitempty`).
        mutating func addIfNotEmpty(_ key: String, _ value: String) {
            if !value.isEmpty { members.append((key, .string(value))) }
        }
    }

    static func encode(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.write(value)
        return writer.text
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .string(let s): writeString(s)
        case .int(let n): text += String(n)
        case .bool(let b): text += b ? "true" : "false"
        case .null: text += "null"
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                write(item)
            }
            text += "]"
        case .object(let object):
            text += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { text += "," }
                writeString(member.0)
                text += ":"
                write(member.1)
            }
            text += "}"
        }
    }

    private mutating func writeString(_ s: String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                text += "\\u" + GoString.hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 {
                    text += "\\u" + GoString.hex(scalar.value, width: 4)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}

/// A JSON value for `JSONWriter`.
indirect enum JSONValue {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object(JSONWriter.Object)

    /// A `{"name":"value",…}` object in label-name order, as Go encodes a `map[string]string`.
    static func stringMap(_ pairs: [(String, String)]) -> JSONValue {
        var object = JSONWriter.Object()
        for (key, value) in pairs.sorted(by: { $0.0 < $1.0 }) { object.add(key, value) }
        return .object(object)
    }
}
