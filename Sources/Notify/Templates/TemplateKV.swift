import Model
import Rules

/// Alertmanager's `template.KV` (`map[string]string` with `SortedPairs`, `Names`, `Values`,
/// `Remove`): labels and annotations as templates see them. A key that is also a method
/// name reaches the method, as in Go.
struct TemplateKV: TemplateObject {
    let labels: Labels

    var goTypeName: String { "template.KV" }
    var isTrue: Bool { !labels.isEmpty }
    var count: Int? { labels.count }
    /// Go's `fmt` prints maps with sorted keys.
    var goString: String { "map[" + labels.map { "\($0.name):\($0.value)" }.joined(separator: " ") + "]" }

    /// `SortedPairs()`: `alertname` first, then by name.
    var sortedPairs: [Label] {
        labels.filter { $0.name == LabelName.alertName } + labels.filter { $0.name != LabelName.alertName }
    }

    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        switch name {
        case "SortedPairs":
            try TemplateArgs.none(name, args)
            return TemplatePairs(pairs: sortedPairs).templateValue
        case "Names":
            try TemplateArgs.none(name, args)
            return TemplateStrings(sortedPairs.map(\.name)).templateValue
        case "Values":
            try TemplateArgs.none(name, args)
            return TemplateStrings(sortedPairs.map(\.value)).templateValue
        case "Remove":
            try TemplateArgs.count(name, args, 1)
            let keys = Set(try TemplateArgs.strings(args[0]))
            return TemplateKV(labels: labels.removing(keys)).templateValue
        default:
            if !args.isEmpty {
                throw TemplateFunctionError(message: "\(name) is not a method but has arguments", wrapped: false)
            }
            // missingkey=zero: an absent key is the empty string.
            return .string(labels[name] ?? "")
        }
    }

    func elements() -> [(key: TemplateValue, element: TemplateValue)]? {
        labels.map { (.string($0.name), .string($0.value)) }
    }

    func index(_ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
        guard case .string(let k) = key else {
            throw TemplateFunctionError(message: "value has type \(key.goTypeName); should be string")
        }
        return .string(labels[k] ?? "")
    }

}

/// `template.Pairs` (`[]Pair` with `Names` and `Values`).
struct TemplatePairs: TemplateObject {
    let pairs: [Label]

    var goTypeName: String { "template.Pairs" }
    var isTrue: Bool { !pairs.isEmpty }
    var count: Int? { pairs.count }
    var goString: String { "[" + pairs.map { TemplatePair(pair: $0).goString }.joined(separator: " ") + "]" }

    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        switch name {
        case "Names":
            try TemplateArgs.none(name, args)
            return TemplateStrings(pairs.map(\.name)).templateValue
        case "Values":
            try TemplateArgs.none(name, args)
            return TemplateStrings(pairs.map(\.value)).templateValue
        default: return nil
        }
    }

    func elements() -> [(key: TemplateValue, element: TemplateValue)]? {
        pairs.enumerated().map { (.int($0.offset), TemplatePair(pair: $0.element).templateValue) }
    }

    func index(_ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
        TemplatePair(pair: pairs[try TemplateArgs.position(key, count: pairs.count)]).templateValue
    }

}

/// `template.Pair` (`.Name`, `.Value`).
struct TemplatePair: TemplateObject {
    let pair: Label

    var goTypeName: String { "template.Pair" }
    var goString: String { "{\(pair.name) \(pair.value)}" }

    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        switch name {
        case "Name": try TemplateArgs.field(name, args); return .string(pair.name)
        case "Value": try TemplateArgs.field(name, args); return .string(pair.value)
        default: return nil
        }
    }


}

/// Go's `[]string` (`Names`, `Values`, `stringSlice`), what `join` takes.
struct TemplateStrings: TemplateObject {
    let strings: [String]

    init(_ strings: [String]) { self.strings = strings }

    var goTypeName: String { "[]string" }
    var isTrue: Bool { !strings.isEmpty }
    var count: Int? { strings.count }
    var goString: String { "[" + strings.joined(separator: " ") + "]" }

    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? { nil }

    func elements() -> [(key: TemplateValue, element: TemplateValue)]? {
        strings.enumerated().map { (.int($0.offset), .string($0.element)) }
    }

    func index(_ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
        .string(strings[try TemplateArgs.position(key, count: strings.count)])
    }

}

/// Argument checks with Go's `text/template` messages.
enum TemplateArgs {
    static func none(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) {
        try count(name, args, 0)
    }

    static func count(_ name: String, _ args: [TemplateValue], _ n: Int) throws(TemplateFunctionError) {
        guard args.count == n else {
            throw TemplateFunctionError(message: "wrong number of args for \(name): want \(n) got \(args.count)", wrapped: false)
        }
    }

    /// A struct field given arguments.
    static func field(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) {
        guard args.isEmpty else {
            throw TemplateFunctionError(message: "\(name) has arguments but cannot be invoked as function", wrapped: false)
        }
    }

    static func string(_ value: TemplateValue) throws(TemplateFunctionError) -> String {
        switch value {
        case .string(let s): return s
        default:
            throw TemplateFunctionError(message: "wrong type for value; expected string; got \(value.goTypeName)", wrapped: false)
        }
    }

    /// A `[]string` argument (`Remove`, `join`).
    static func strings(_ value: TemplateValue) throws(TemplateFunctionError) -> [String] {
        if case .object(let o) = value, let list = o.base as? TemplateStrings { return list.strings }
        throw TemplateFunctionError(message: "wrong type for value; expected []string; got \(value.goTypeName)", wrapped: false)
    }

    /// A slice index, checked as Go's `index` does.
    static func position(_ key: TemplateValue, count: Int) throws(TemplateFunctionError) -> Int {
        guard case .int(let i) = key else {
            throw TemplateFunctionError(message: "cannot index slice/array with type \(key.goTypeName)")
        }
        guard i >= 0 && i < count else { throw TemplateFunctionError(message: "index out of range: \(i)") }
        return i
    }
}
