/// A Go value with fields and methods that a caller of the template engine supplies, for
/// data models the engine does not know (Alertmanager's `template.Data`, `KV`, `Alerts`…).
/// The engine asks it for members, length, elements and its `%v` text, the way Go's
/// `text/template` reflects over a struct, map or slice.
public protocol TemplateObject: Sendable {
    /// Go's type name, used in error messages (`can't evaluate field X in type template.KV`).
    var goTypeName: String { get }
    /// Go's truth for `if`/`with`/`and`/`or`: false for empty maps and slices.
    var isTrue: Bool { get }
    /// `fmt.Sprint` of the value (`map[a:b]`, `[x y]`, `{firing map[…] …}`).
    var goString: String { get }
    /// `len`; nil when Go's `len` does not apply (a struct).
    var count: Int? { get }
    /// A field, map key or method called with `args`; nil when the value has no such member.
    /// - Throws: `TemplateFunctionError` for wrong arguments to a method.
    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue?
    /// The `(key, element)` pairs `range` visits (map keys in sorted order); nil when not rangeable.
    func elements() -> [(key: TemplateValue, element: TemplateValue)]?
    /// `index x key`.
    /// - Throws: `TemplateFunctionError` for a wrong key type or an index out of range.
    func index(_ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue
}

/// A `TemplateObject` inside `TemplateValue` (which is `Equatable`): two objects are equal
/// when they have the same type and print the same.
public struct AnyTemplateObject: Sendable, Equatable {
    /// The wrapped value.
    public let base: any TemplateObject

    /// Wraps `base`.
    public init(_ base: any TemplateObject) { self.base = base }

    public static func == (lhs: AnyTemplateObject, rhs: AnyTemplateObject) -> Bool {
        lhs.base.goTypeName == rhs.base.goTypeName && lhs.base.goString == rhs.base.goString
    }
}

/// A set of template functions replacing Prometheus's (Alertmanager's `DefaultFuncs`, say).
/// Go's builtins (`len`, `index`, `printf`, `eq`, `urlquery`…) are always present.
public protocol TemplateFunctionSet: Sendable {
    /// The function names the parser accepts besides Go's builtins.
    var names: Set<String> { get }
    /// Calls `name`; nil to use Prometheus's function of the same name (`toUpper`, `match`,
    /// `reReplaceAll`, `safeHtml` are the same Go functions in both projects).
    /// - Throws: `TemplateFunctionError` with Go's message.
    func call(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue?
}

/// Struct-like defaults: no `len`, not rangeable or indexable, always true.
extension TemplateObject {
    public var isTrue: Bool { true }
    public var count: Int? { nil }
    public func elements() -> [(key: TemplateValue, element: TemplateValue)]? { nil }
    public func index(_ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
        throw TemplateFunctionError(message: "can't index item of type \(goTypeName)")
    }

    /// The object as a template value.
    public var templateValue: TemplateValue { .object(AnyTemplateObject(self)) }
}
