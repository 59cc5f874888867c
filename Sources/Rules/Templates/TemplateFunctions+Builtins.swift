/// Go's `text/template` builtins (`funcs.go`), except `and`/`or`, which the evaluator
/// short-circuits itself.
extension TemplateFunctions {
    static func callBuiltin(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        switch name {
        case "not":
            try arity(name, args, 1)
            return .bool(!args[0].isTrue)
        case "len":
            try arity(name, args, 1)
            switch args[0] {
            case .string(let s), .html(let s): return .int(s.utf8.count)
            case .labels(let m): return .int(m.count)
            case .map(let m): return .int(m.count)
            case .samples(let l): return .int(l.count)
            case .object(let o) where o.base.count != nil: return .int(o.base.count ?? 0)
            default: throw TemplateFunctionError(message: "len of type \(args[0].goTypeName)")
            }
        case "index":
            guard let item = args.first else {
                throw TemplateFunctionError(message: "wrong number of args for index: want at least 1 got 0", wrapped: false)
            }
            var value = item
            for key in args.dropFirst() { value = try index(value, key) }
            return value
        case "print": return .string(GoPrint.sprint(args))
        case "println": return .string(GoPrint.sprintln(args))
        case "printf":
            guard let format = args.first else {
                throw TemplateFunctionError(message: "wrong number of args for printf: want at least 1 got 0", wrapped: false)
            }
            return .string(GoPrintf.sprintf(try string(format), Array(args.dropFirst())))
        case "eq":
            guard let first = args.first else { throw TemplateFunctionError(message: "missing argument for comparison") }
            if args.count == 1 { throw TemplateFunctionError(message: "missing argument for comparison") }
            for other in args.dropFirst() where try compare(first, other) == 0 { return .bool(true) }
            return .bool(false)
        case "ne":
            try arity(name, args, 2)
            return .bool(try compare(args[0], args[1]) != 0)
        case "lt", "le", "gt", "ge":
            try arity(name, args, 2)
            let c = try compare(args[0], args[1], ordered: true)
            switch name {
            case "lt": return .bool(c < 0)
            case "le": return .bool(c <= 0)
            case "gt": return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case "html":
            return .string(GoEscape.html(evalArgsText(args)))
        case "js":
            return .string(GoEscape.js(evalArgsText(args)))
        case "urlquery":
            return .string(GoURL.queryEscape(evalArgsText(args)))
        default:
            return nil
        }
    }

    /// `evalArgs` in funcs.go: a single string argument as is, otherwise `fmt.Sprint`.
    private static func evalArgsText(_ args: [TemplateValue]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoPrint.sprint(args)
    }

    private static func index(_ item: TemplateValue, _ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
        switch item {
        case .labels(let m):
            guard case .string(let k) = key else { throw TemplateFunctionError(message: "value has type \(key.goTypeName); should be string") }
            return .string(m[k] ?? "")
        case .map(let m):
            guard case .string(let k) = key else { throw TemplateFunctionError(message: "value has type \(key.goTypeName); should be string") }
            return m[k] ?? .none
        case .samples(let list):
            guard case .int(let i) = key else { throw TemplateFunctionError(message: "cannot index slice/array with type \(key.goTypeName)") }
            guard i >= 0 && i < list.count else { throw TemplateFunctionError(message: "index out of range: \(i)") }
            return .sample(list[i])
        case .string(let s):
            guard case .int(let i) = key else { throw TemplateFunctionError(message: "cannot index slice/array with type \(key.goTypeName)") }
            let bytes = Array(s.utf8)
            guard i >= 0 && i < bytes.count else { throw TemplateFunctionError(message: "index out of range: \(i)") }
            return .int(Int(bytes[i]))
        case .object(let o):
            return try o.base.index(key)
        case .none:
            throw TemplateFunctionError(message: "index of untyped nil")
        default:
            throw TemplateFunctionError(message: "can't index item of type \(item.goTypeName)")
        }
    }

    private enum Kind { case bool, int, float, string, invalid }

    private static func kind(_ v: TemplateValue) -> Kind {
        switch v {
        case .bool: .bool
        case .int: .int
        case .float: .float
        case .string, .html: .string
        default: .invalid
        }
    }

    /// Go's `eq`/`lt` rules: same basic kind required; bools only for equality.
    static func compare(_ a: TemplateValue, _ b: TemplateValue, ordered: Bool = false) throws(TemplateFunctionError) -> Int {
        let (ka, kb) = (kind(a), kind(b))
        if ka == .invalid || kb == .invalid {
            throw TemplateFunctionError(message: ordered ? "invalid type for comparison" : "incompatible types for comparison")
        }
        guard ka == kb else { throw TemplateFunctionError(message: "incompatible types for comparison") }
        switch (a, b) {
        case (.bool(let x), .bool(let y)):
            if ordered { throw TemplateFunctionError(message: "invalid type for comparison") }
            return x == y ? 0 : 1
        case (.int(let x), .int(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.float(let x), .float(let y)): return x < y ? -1 : x == y ? 0 : (x > y ? 1 : 2)
        default:
            let x = GoPrint.value(a), y = GoPrint.value(b)
            // Go compares strings bytewise.
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : x == y ? 0 : 1
        }
    }
}
