import Model

/// Builds JSON text the way Go's `json.Encoder` writes Alertmanager's payloads: object
/// keys in struct-field order, `<`, `>`, `&`, U+2028 and U+2029 escaped as `\uXXXX`.
/// A hand writer rather than `JSONEncoder` because key order and escaping are part of
/// being byte-compatible with what receivers already parse from Alertmanager.
struct JSONWriter {
    /// UTF-8 output: appending bytes is several times cheaper than growing a `String`
    /// scalar by scalar (a 100-alert webhook body is ~30 KB).
    private var bytes: [UInt8] = []

    /// The JSON text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

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
        writer.bytes.reserveCapacity(1024)
        writer.write(value)
        return writer.text
    }

    private mutating func append(_ ascii: StaticString) {
        ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .string(let s): writeString(s)
        case .int(let n): bytes.append(contentsOf: String(n).utf8)
        case .bool(let b): append(b ? "true" : "false")
        case .null: append("null")
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(member.0)
                bytes.append(UInt8(ascii: ":"))
                write(member.1)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Go's `encodeState.string` with HTML escaping: `"` `\` `\n` `\r` `\t`, other control
    /// bytes, `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`; everything else as is.
    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { writeEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ input: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var i = 0
        while i < input.count {
            let byte = input[i]
            var escape: StaticString?
            var width = 1
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            case UInt8(ascii: "\t"): escape = "\\t"
            case UInt8(ascii: "<"): escape = "\\u003c"
            case UInt8(ascii: ">"): escape = "\\u003e"
            case UInt8(ascii: "&"): escape = "\\u0026"
            case 0xE2 where i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9):
                escape = input[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            default:
                if byte < 0x20 {
                    bytes.append(contentsOf: input[runStart..<i])
                    bytes.append(contentsOf: ("\\u" + GoString.hex(UInt32(byte), width: 4)).utf8)
                    i += 1
                    runStart = i
                    continue
                }
            }
            if let escape {
                bytes.append(contentsOf: input[runStart..<i])
                append(escape)
                i += width
                runStart = i
            } else {
                i += 1
            }
        }
        bytes.append(contentsOf: input[runStart..<input.count])
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
