/// The parse tree of a Go template (`text/template/parse` node types), kept to the
/// subset of node kinds the evaluator runs.
indirect enum TemplateNode: Sendable {
    case text(String)
    case action(TemplatePipe)
    case ifNode(TemplatePipe, [TemplateNode], [TemplateNode]?)
    case range(TemplatePipe, [TemplateNode], [TemplateNode]?)
    case with(TemplatePipe, [TemplateNode], [TemplateNode]?)
    case template(name: String, pipe: TemplatePipe?, pos: Int)
    case breakNode
    case continueNode
}

/// `declarations? command ('|' command)*`.
struct TemplatePipe: Sendable {
    var pos: Int
    var isAssign = false
    var declarations: [String] = []
    var commands: [TemplateCommand] = []

    /// Go's `PipeNode.String()`.
    var goDescription: String {
        let decl = declarations.isEmpty ? "" : declarations.joined(separator: ", ") + (isAssign ? " = " : " := ")
        return decl + commands.map(\.goDescription).joined(separator: " | ")
    }
}

/// One command of a pipeline: an operand followed by arguments.
struct TemplateCommand: Sendable {
    var pos: Int
    var args: [TemplateOperand] = []

    /// Go's `CommandNode.String()`: the error context of a failing function call.
    var goDescription: String { args.map(\.goDescription).joined(separator: " ") }
}

/// An operand with its byte position (for `executing "…" at <…>` error context).
struct TemplateOperand: Sendable {
    enum Kind: Sendable {
        case field([String])
        /// `$name.Field…`: the variable name (with `$`) and the field chain.
        case variable(String, [String])
        case dot
        case nilValue
        case bool(Bool)
        case number(TemplateValue, text: String)
        case string(String, quoted: String)
        case identifier(String)
        /// `(pipeline).Field…`
        case chain(TemplatePipe, [String])
        case pipe(TemplatePipe)
    }

    var kind: Kind
    var pos: Int

    /// How Go's node `String()` prints the operand, used as error context.
    var goDescription: String {
        switch kind {
        case .field(let f): return f.map { "." + $0 }.joined()
        case .variable(let name, let f): return name + f.map { "." + $0 }.joined()
        case .dot: return "."
        case .nilValue: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .number(_, let text): return text
        case .string(_, let quoted): return quoted
        case .identifier(let name): return name
        case .chain(let p, let f):
            let base = p.commands.count == 1 && p.declarations.isEmpty && p.commands[0].args.count == 1
                ? p.commands[0].args[0].goDescription : "(\(p.goDescription))"
            return base + f.map { "." + $0 }.joined()
        case .pipe(let p): return "(\(p.goDescription))"
        }
    }
}
