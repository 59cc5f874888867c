import Model

/// Reads one JSON object's fields by name; each failure names the file, element and field.
struct FieldReader {
    let fields: [String: JSONValue]
    let path: String
    let file: String

    init(_ value: JSONValue, path: String, file: String, allowed: Set<String>) throws(PutawayInputError) {
        guard case .object(let fields) = value else {
            throw PutawayInputError(file: file, path: path, message: "expected an object, found \(value.summary)")
        }
        self.fields = fields
        self.path = path
        self.file = file
        if let unknown = fields.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw PutawayInputError(file: file, path: path, message: "unknown field \"\(unknown)\"")
        }
    }

    func error(_ field: String, _ message: String) -> PutawayInputError {
        PutawayInputError(file: file, path: "\(path).\(field)", message: message)
    }

    /// The value, or nil when absent or null.
    func value(_ field: String) -> JSONValue? {
        guard let value = fields[field], value != .null else { return nil }
        return value
    }

    func string(_ field: String) throws(PutawayInputError) -> String {
        guard let text = try optionalString(field) else { throw error(field, "required (a string)") }
        guard !text.isEmpty else { throw error(field, "must not be empty") }
        return text
    }

    func optionalString(_ field: String) throws(PutawayInputError) -> String? {
        guard let value = value(field) else { return nil }
        guard case .string(let text) = value else { throw error(field, "expected a string, found \(value.summary)") }
        return text
    }

    func number(_ field: String) throws(PutawayInputError) -> Double {
        guard let number = try optionalNumber(field) else { throw error(field, "required (a number)") }
        return number
    }

    /// A finite number; ≥ 0, or > 0 when `positive`.
    func optionalNumber(_ field: String, positive: Bool = false) throws(PutawayInputError) -> Double? {
        guard let value = value(field) else { return nil }
        guard case .number(let number) = value, number.isFinite else {
            throw error(field, "expected a number, found \(value.summary)")
        }
        if positive, !(number > 0) { throw error(field, "expected a number > 0, found \(number)") }
        if number < 0 { throw error(field, "expected a number ≥ 0, found \(number)") }
        return number
    }

    func integer(_ field: String, minimum: Int) throws(PutawayInputError) -> Int {
        guard let number = try optionalInteger(field, minimum: minimum) else { throw error(field, "required (an integer)") }
        return number
    }

    func optionalInteger(_ field: String, minimum: Int) throws(PutawayInputError) -> Int? {
        guard let value = value(field) else { return nil }
        guard case .number(let number) = value, number.isFinite, number.rounded() == number, abs(number) < 1e15 else {
            throw error(field, "expected an integer, found \(value.summary)")
        }
        guard Int(number) >= minimum else { throw error(field, "expected an integer ≥ \(minimum), found \(Int(number))") }
        return Int(number)
    }

    func stringArray(_ field: String) throws(PutawayInputError) -> [String] {
        guard let value = value(field) else { return [] }
        guard case .array(let list) = value else { throw error(field, "expected an array of strings, found \(value.summary)") }
        var out = [String]()
        for (index, element) in list.enumerated() {
            guard case .string(let text) = element else {
                throw error("\(field)[\(index)]", "expected a string, found \(element.summary)")
            }
            out.append(text)
        }
        return out
    }

    func abcClass() throws(PutawayInputError) -> ABCClass? {
        guard let text = try optionalString("abcClass") else { return nil }
        guard let value = ABCClass(rawValue: text.uppercased()) else {
            throw error("abcClass", "expected \"A\", \"B\" or \"C\", found \"\(text)\"")
        }
        return value
    }

    /// length, width and height in inches: all three (each > 0) or none.
    func dimensions() throws(PutawayInputError) -> Dimensions? {
        let l = try optionalNumber("length", positive: true)
        let w = try optionalNumber("width", positive: true)
        let h = try optionalNumber("height", positive: true)
        if l == nil, w == nil, h == nil { return nil }
        guard let l, let w, let h else {
            let missing = [("length", l), ("width", w), ("height", h)].first { $0.1 == nil }?.0 ?? "length"
            throw error(missing, "required when any of length, width, height is given")
        }
        return Dimensions(length: l, width: w, height: h)
    }
}
