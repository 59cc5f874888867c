import Foundation
import Model

/// Runs a PromQL instant query for the template `query` function (at the rule's evaluation
/// time, without `query_offset`, as Prometheus does). Injected so Rules stays pure.
public typealias TemplateQuery = @Sendable (String) throws -> [QuerySample]

/// A function call failed: `wrapped` errors are the function's own (Go prints them as
/// `error calling NAME: …`); the others are argument count/type errors.
public struct TemplateFunctionError: Error {
    /// Go's message, without the `error calling NAME:` prefix.
    public var message: String
    /// Whether Go reports it as `error calling NAME: …` (the function's own error) rather
    /// than as an argument error at the function name.
    public var wrapped = true

    /// Creates an error.
    public init(message: String, wrapped: Bool = true) {
        self.message = message
        self.wrapped = wrapped
    }
}

/// Go's builtin template functions plus Prometheus's (`template/template.go`).
struct TemplateFunctions: Sendable {
    var query: TemplateQuery?
    var externalURL: String
    /// Replaces Prometheus's functions when set (Alertmanager's templates).
    var custom: (any TemplateFunctionSet)? = nil

    /// text/template's builtins, present in every function set.
    static let builtinNames: Set<String> = [
        "and", "or", "not", "len", "index", "print", "printf", "println", "eq", "ne", "lt", "le", "gt", "ge",
        "html", "js", "urlquery", "slice", "call",
    ]

    /// Every name the parser accepts for Prometheus templates (Go rejects unknown names at parse time).
    static let names: Set<String> = builtinNames.union(prometheusNames)

    /// The names a parser accepts with `custom` (or Prometheus's) functions.
    static func names(custom: (any TemplateFunctionSet)?) -> Set<String> {
        guard let custom else { return names }
        return builtinNames.union(custom.names)
    }

    /// Prometheus's own functions (`template/template.go`).
    static let prometheusNames: Set<String> = [
        "query", "first", "label", "value", "strvalue", "args", "reReplaceAll", "safeHtml", "match", "title",
        "toUpper", "toLower", "graphLink", "tableLink", "sortByLabel", "stripPort", "stripDomain", "humanize",
        "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "toTime", "toDuration",
        "pathPrefix", "externalURL", "parseDuration", "urlQueryEscape",
    ]

    // MARK: - Argument helpers

    static func arity(_ name: String, _ args: [TemplateValue], _ n: Int) throws(TemplateFunctionError) {
        if args.count != n {
            throw TemplateFunctionError(message: "wrong number of args for \(name): want \(n) got \(args.count)", wrapped: false)
        }
    }

    static func wrongType(_ expected: String, _ got: TemplateValue) -> TemplateFunctionError {
        TemplateFunctionError(message: "wrong type for value; expected \(expected); got \(got.goTypeName)", wrapped: false)
    }

    static func string(_ v: TemplateValue) throws(TemplateFunctionError) -> String {
        if case .string(let s) = v { return s }
        throw wrongType("string", v)
    }

    static func sample(_ v: TemplateValue) throws(TemplateFunctionError) -> QuerySample {
        if case .sample(let s) = v { return s }
        throw wrongType("*template.sample", v)
    }

    static func samples(_ v: TemplateValue) throws(TemplateFunctionError) -> [QuerySample] {
        if case .samples(let s) = v { return s }
        throw wrongType("template.queryResult", v)
    }

    /// `common/templates.ConvertToFloat`: float, int, numeric string.
    static func toFloat(_ v: TemplateValue) throws(TemplateFunctionError) -> Double {
        switch v {
        case .float(let f): return f
        case .int(let i): return Double(i)
        case .string(let s):
            guard let f = GoNumbers.parseFloat(s) else {
                throw TemplateFunctionError(message: "strconv.ParseFloat: parsing \(GoPrintf.goQuote(s)): invalid syntax")
            }
            return f
        default:
            throw TemplateFunctionError(message: "can't convert \(v.goTypeName) to float")
        }
    }

    // MARK: - Dispatch

    func call(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue {
        if let value = try Self.callBuiltin(name, args) { return value }
        if let custom {
            if let value = try custom.call(name, args) { return value }
            guard custom.names.contains(name) else {
                throw TemplateFunctionError(message: "function \(GoPrintf.goQuote(name)) not defined", wrapped: false)
            }
        }
        if let value = try Self.callHumanize(name, args) { return value }
        return try callPrometheus(name, args)
    }

    private func callPrometheus(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue {
        switch name {
        case "query":
            try Self.arity(name, args, 1)
            let expr = try Self.string(args[0])
            guard let query else { throw TemplateFunctionError(message: "query is not available in this context") }
            do {
                return .samples(try query(expr))
            } catch {
                throw TemplateFunctionError(message: "\(error)")
            }
        case "first":
            try Self.arity(name, args, 1)
            guard let s = try Self.samples(args[0]).first else {
                throw TemplateFunctionError(message: "first() called on vector with no elements")
            }
            return .sample(s)
        case "label":
            try Self.arity(name, args, 2)
            return .string(try Self.sample(args[1]).labels[Self.string(args[0])] ?? "")
        case "value":
            try Self.arity(name, args, 1)
            return .float(try Self.sample(args[0]).value)
        case "strvalue":
            try Self.arity(name, args, 1)
            return .string(try Self.sample(args[0]).labels["__value__"] ?? "")
        case "args":
            var map: [String: TemplateValue] = [:]
            for (i, a) in args.enumerated() { map["arg\(i)"] = a }
            return .map(map)
        case "reReplaceAll":
            try Self.arity(name, args, 3)
            return .string(try GoRegex.replaceAll(pattern: Self.string(args[0]), replacement: Self.string(args[1]), in: Self.string(args[2])))
        case "match":
            try Self.arity(name, args, 2)
            return .bool(try GoRegex.matches(pattern: Self.string(args[0]), Self.string(args[1])))
        case "safeHtml":
            try Self.arity(name, args, 1)
            return .html(try Self.string(args[0]))
        case "title":
            try Self.arity(name, args, 1)
            return .string(Self.title(try Self.string(args[0])))
        case "toUpper":
            try Self.arity(name, args, 1)
            return .string(try Self.string(args[0]).uppercased())
        case "toLower":
            try Self.arity(name, args, 1)
            return .string(try Self.string(args[0]).lowercased())
        case "graphLink", "tableLink":
            try Self.arity(name, args, 1)
            let tab = name == "graphLink" ? 0 : 1
            return .string("/graph?g0.expr=\(GoURL.queryEscape(try Self.string(args[0])))&g0.tab=\(tab)")
        case "urlQueryEscape":
            try Self.arity(name, args, 1)
            return .string(GoURL.queryEscape(try Self.string(args[0])))
        case "sortByLabel":
            try Self.arity(name, args, 2)
            let label = try Self.string(args[0])
            let list = try Self.samples(args[1])
            // Stable: ties keep their query order, as sort.Stable does.
            let sorted = list.enumerated().sorted {
                let (a, b) = ($0.element.labels[label] ?? "", $1.element.labels[label] ?? "")
                return a != b ? a < b : $0.offset < $1.offset
            }.map(\.element)
            return .samples(sorted)
        case "stripPort":
            try Self.arity(name, args, 1)
            let hostPort = try Self.string(args[0])
            return .string(GoNet.splitHostPort(hostPort)?.host ?? hostPort)
        case "stripDomain":
            try Self.arity(name, args, 1)
            return .string(GoNet.stripDomain(try Self.string(args[0])))
        case "toTime":
            try Self.arity(name, args, 1)
            let v = try Self.toFloat(args[0])
            return .time(nanoseconds: try Self.nanoseconds(v))
        case "pathPrefix":
            try Self.arity(name, args, 0)
            return .string(GoURL.path(of: externalURL))
        case "externalURL":
            try Self.arity(name, args, 0)
            return .string(externalURL)
        case "parseDuration":
            try Self.arity(name, args, 1)
            let text = try Self.string(args[0])
            do {
                return .float(try PromDuration(parsing: text).seconds)
            } catch {
                throw TemplateFunctionError(message: "\(error.reason): \(GoPrintf.goQuote(text))")
            }
        default:
            throw TemplateFunctionError(message: "function \(GoPrintf.goQuote(name)) is not supported by binwatch", wrapped: false)
        }
    }

    static func nanoseconds(_ v: Double) throws(TemplateFunctionError) -> Int64 {
        if v.isNaN || v.isInfinite { throw TemplateFunctionError(message: "value is NaN or Inf") }
        let ns = v * 1e9
        guard ns < 9.223372036854775807e18, ns >= -9.223372036854775808e18 else {
            throw TemplateFunctionError(message: "\(GoPrint.value(.float(v))) cannot be represented as a nanoseconds timestamp since it overflows int64")
        }
        return Int64(ns)
    }

    /// `strings.Title`: upper-cases the first letter after each separator; the rest is kept.
    static func title(_ s: String) -> String {
        var out = ""
        var previousIsSeparator = true
        for ch in s {
            if previousIsSeparator, ch.isLetter { out += ch.uppercased() } else { out.append(ch) }
            previousIsSeparator = !(ch.isLetter || ch.isNumber || ch == "_")
        }
        return out
    }
}
