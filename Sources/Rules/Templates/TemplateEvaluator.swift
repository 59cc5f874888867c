/// Executes a parsed template as Go's `text/template/exec.go` does, with `missingkey=zero`.
struct TemplateEvaluator {
    /// The template being executed (`executing "NAME"`); changes inside `{{template}}` calls.
    private var name: String
    /// The name of the text its nodes came from (`template: PARSENAME:LINE:COL`).
    private var parseName: String
    private var text: [UInt8]
    let definitions: TemplateDefinitions
    let functions: TemplateFunctions
    private var variables: [(name: String, value: TemplateValue)] = []
    private var output = ""
    private var depth = 0
    /// How deep `{{template}}` calls may nest. Go allows 100000 (its stacks grow); a Swift thread's
    /// fixed stack overflowed long before that on a self-calling template, crashing the process
    /// (found by FuzzTemplate). 1000 is Go's own limit where stacks are small (js/wasm), and far
    /// beyond what an alert annotation needs.
    static let maxDepth = 1000
    /// Recursion through control structures and pipelines, summed over nested template calls
    /// (each template's own nesting is bounded by the parser, but a self-calling template could
    /// multiply it): bounded so the stack is too.
    private var nesting = 0
    static let maxNesting = 300
    /// Whether printed values are HTML-escaped (`html/template` in text context).
    var escapeHTML = false

    init(name: String, text: String, definitions: TemplateDefinitions, functions: TemplateFunctions) {
        self.name = name
        self.parseName = name
        self.text = Array(text.utf8)
        self.definitions = definitions
        self.functions = functions
    }

    private enum Flow { case normal, breakLoop, continueLoop }

    /// Runs `nodes` with `data` as both `.` and `$`; returns the text written.
    mutating func run(_ nodes: [TemplateNode], data: TemplateValue) throws(TemplateError) -> String {
        variables = [("$", data)]
        output = ""
        _ = try walk(nodes, dot: data)
        return output
    }

    // MARK: - Errors

    /// The node Go's `s.at` is left on after evaluating `pipe`: the last command's operand,
    /// a function's last argument, the inside of a parenthesized pipeline.
    static func lastEvaluated(_ pipe: TemplatePipe) -> TemplateOperand? {
        guard let command = pipe.commands.last, let first = command.args.first else { return nil }
        var operand = first
        if case .identifier = first.kind, let lastArg = command.args.last, command.args.count > 1 { operand = lastArg }
        if case .pipe(let inner) = operand.kind { return lastEvaluated(inner) ?? operand }
        return operand
    }

    /// `template: NAME:LINE:COL: executing "NAME" at <CONTEXT>: MESSAGE`, column as Go's
    /// `ErrorContext` counts it (byte offset within the line).
    func failure(at pos: Int, _ context: String, _ message: String) -> TemplateError {
        let clamped = min(max(pos, 0), text.count)
        let before = text[0..<clamped]
        let line = 1 + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let column = before.lastIndex(of: 0x0A).map { clamped - ($0 + 1) } ?? clamped
        return TemplateError(kind: .execution, message: "template: \(parseName):\(line):\(column): executing \"\(name)\" at <\(context)>: \(message)")
    }

    // MARK: - Walking

    private mutating func walk(_ nodes: [TemplateNode], dot: TemplateValue) throws(TemplateError) -> Flow {
        for node in nodes {
            let flow = try walk(node, dot: dot)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private mutating func walk(_ node: TemplateNode, dot: TemplateValue) throws(TemplateError) -> Flow {
        switch node {
        case .text(let s):
            output += s
        case .action(let pipe):
            let value = try evalPipeline(pipe, dot: dot)
            if pipe.declarations.isEmpty { output += escapeHTML ? htmlPrintable(value) : printable(value) }
        case .ifNode(let pipe, let list, let elseList), .with(let pipe, let list, let elseList):
            try enterNesting(pipe)
            defer { nesting -= 1 }
            let mark = variables.count
            defer { variables.removeLast(variables.count - mark) }
            let value = try evalPipeline(pipe, dot: dot)
            var isWith = false
            if case .with = node { isWith = true }
            if value.isTrue {
                return try walk(list, dot: isWith ? value : dot)
            } else if let elseList {
                return try walk(elseList, dot: dot)
            }
        case .range(let pipe, let list, let elseList):
            try enterNesting(pipe)
            defer { nesting -= 1 }
            return try walkRange(pipe, list, elseList, dot: dot)
        case .template(let templateName, let pipe, let pos):
            guard let body = definitions.byName[templateName] else {
                // Go's TemplateNode.String(): `{{template "name" pipeline}}`.
                let context = "{{template \(GoPrintf.goQuote(templateName))" + (pipe.map { " " + $0.goDescription } ?? "") + "}}"
                throw failure(at: pos, context, "template \(GoPrintf.goQuote(templateName)) not defined")
            }
            depth += 1
            defer { depth -= 1 }
            guard depth < Self.maxDepth else {
                throw failure(at: pos, templateName, "exceeded maximum template depth (\(Self.maxDepth))")
            }
            let newDot = try pipe.map { p throws(TemplateError) in try evalPipeline(p, dot: dot) } ?? .none
            let saved = (variables, name, parseName, text)
            variables = [("$", newDot)]
            (name, parseName) = (templateName, body.parseName)
            text = body.text
            defer { (variables, name, parseName, text) = saved }
            _ = try walk(body.nodes, dot: newDot)
        case .breakNode: return .breakLoop
        case .continueNode: return .continueLoop
        }
        return .normal
    }

    private mutating func walkRange(
        _ pipe: TemplatePipe, _ list: [TemplateNode], _ elseList: [TemplateNode]?, dot: TemplateValue
    ) throws(TemplateError) -> Flow {
        let mark = variables.count
        defer { variables.removeLast(variables.count - mark) }
        var rangePipe = pipe
        let declarations = pipe.declarations
        rangePipe.declarations = []
        let value = try evalPipeline(rangePipe, dot: dot)
        var items: [(key: TemplateValue, element: TemplateValue)] = []
        switch value {
        case .samples(let list): items = list.enumerated().map { (.int($0.offset), .sample($0.element)) }
        case .labels(let map): items = map.keys.sorted().map { (.string($0), .string(map[$0] ?? "")) }
        case .map(let map): items = map.keys.sorted().map { (.string($0), map[$0] ?? .none) }
        case .int(let n): items = (0..<max(n, 0)).map { (.int($0), .int($0)) }
        case .object(let o) where o.base.elements() != nil: items = o.base.elements() ?? []
        case .none: break
        default:
            // Go reports where evaluating the pipeline left off (`s.at`): the last command's
            // operand, or a function's last argument.
            let last = Self.lastEvaluated(rangePipe)
            throw failure(at: last?.pos ?? pipe.pos, last?.goDescription ?? "range", "range can't iterate over \(GoPrint.value(value))")
        }
        if items.isEmpty {
            if let elseList { return try walk(elseList, dot: dot) }
            return .normal
        }
        for item in items {
            let inner = variables.count
            if declarations.count == 1 {
                variables.append((declarations[0], item.element))
            } else if declarations.count == 2 {
                variables.append((declarations[0], item.key))
                variables.append((declarations[1], item.element))
            }
            let flow = try walk(list, dot: item.element)
            variables.removeLast(variables.count - inner)
            if flow == .breakLoop { break }
        }
        return .normal
    }

    private func printable(_ value: TemplateValue) -> String {
        if case .none = value { return "<no value>" }
        return GoPrint.value(value)
    }

    /// `html/template`'s text-context printing: `template.HTML` as is, nil as nothing
    /// (its `stringify` skips nil arguments), anything else through `htmlEscaper`.
    private func htmlPrintable(_ value: TemplateValue) -> String {
        switch value {
        case .html(let s): return s
        case .none: return ""
        default: return GoEscape.htmlTemplate(GoPrint.value(value))
        }
    }

    // MARK: - Pipelines and commands

    private mutating func enterNesting(_ pipe: TemplatePipe) throws(TemplateError) {
        nesting += 1
        if nesting > Self.maxNesting {
            throw failure(at: pipe.pos, name, "exceeded maximum nesting depth (\(Self.maxNesting))")
        }
    }

    mutating func evalPipeline(_ pipe: TemplatePipe, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        try enterNesting(pipe)
        defer { nesting -= 1 }
        var value: TemplateValue? = nil
        for command in pipe.commands {
            value = try evalCommand(command, dot: dot, final: value)
        }
        let result = value ?? .none
        for variable in pipe.declarations {
            if pipe.isAssign, let index = variables.lastIndex(where: { $0.name == variable }) {
                variables[index].value = result
            } else {
                variables.append((variable, result))
            }
        }
        return result
    }

    private mutating func evalCommand(_ command: TemplateCommand, dot: TemplateValue, final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        guard let first = command.args.first else { return .none }
        let rest = Array(command.args.dropFirst())
        func noArgs() throws(TemplateError) {
            if !rest.isEmpty || final != nil {
                throw failure(at: first.pos, first.goDescription, "can't give argument to non-function \(first.goDescription)")
            }
        }
        switch first.kind {
        case .identifier(let fn):
            return try callFunction(fn, operand: first, command: command, args: rest, final: final, dot: dot)
        case .field(let fields):
            let args = try methodArgs(rest, final: final, dot: dot, command: command)
            return try access(fields, on: dot, operand: first, args: args)
        case .variable(let name, let fields):
            if fields.isEmpty { try noArgs() }
            let args = try methodArgs(rest, final: final, dot: dot, command: command)
            return try access(fields, on: lookup(name), operand: first, args: args)
        case .chain(let pipe, let fields):
            let receiver = try evalPipeline(pipe, dot: dot)
            let args = try methodArgs(rest, final: final, dot: dot, command: command)
            return try access(fields, on: receiver, operand: first, args: args)
        case .pipe(let pipe):
            try noArgs()
            return try evalPipeline(pipe, dot: dot)
        case .nilValue:
            throw failure(at: first.pos, "nil", "nil is not a command")
        default:
            try noArgs()
            return try evalArg(first, dot: dot)
        }
    }

    /// The arguments of a method call `.X.Method a b` (a piped value comes last); nil when none.
    private mutating func methodArgs(
        _ rest: [TemplateOperand], final: TemplateValue?, dot: TemplateValue, command: TemplateCommand
    ) throws(TemplateError) -> [TemplateValue]? {
        if rest.isEmpty && final == nil { return nil }
        var values: [TemplateValue] = []
        for arg in rest { values.append(try evalArg(arg, dot: dot, command: command)) }
        if let final { values.append(final) }
        return values
    }

    private func lookup(_ name: String) -> TemplateValue {
        variables.last { $0.name == name }?.value ?? .none
    }

    /// Evaluates an operand used as a function argument.
    mutating func evalArg(_ operand: TemplateOperand, dot: TemplateValue, command: TemplateCommand? = nil) throws(TemplateError) -> TemplateValue {
        switch operand.kind {
        case .dot: return dot
        case .nilValue: return .none
        case .bool(let b): return .bool(b)
        case .number(let v, _): return v
        case .string(let s, _): return .string(s)
        case .field(let fields): return try access(fields, on: dot, operand: operand)
        case .variable(let name, let fields): return try access(fields, on: lookup(name), operand: operand)
        case .chain(let pipe, let fields): return try access(fields, on: evalPipeline(pipe, dot: dot), operand: operand)
        case .pipe(let pipe): return try evalPipeline(pipe, dot: dot)
        case .identifier(let fn):
            let enclosing = command ?? TemplateCommand(pos: operand.pos, args: [operand])
            return try callFunction(fn, operand: operand, command: enclosing, args: [], final: nil, dot: dot)
        }
    }

    private mutating func callFunction(
        _ fn: String, operand: TemplateOperand, command: TemplateCommand, args: [TemplateOperand], final: TemplateValue?,
        dot: TemplateValue
    ) throws(TemplateError) -> TemplateValue {
        // `and`/`or` short-circuit since Go 1.18: later arguments are not evaluated.
        if fn == "and" || fn == "or" {
            let count = args.count + (final == nil ? 0 : 1)
            guard count >= 1 else {
                throw failure(at: operand.pos, fn, "wrong number of args for \(fn): want at least 1 got 0")
            }
            var value: TemplateValue = .none
            for (i, arg) in args.enumerated() {
                value = try evalArg(arg, dot: dot, command: command)
                if value.isTrue == (fn == "or") || (i == args.count - 1 && final == nil) { return value }
            }
            return final ?? value
        }
        var values: [TemplateValue] = []
        for arg in args { values.append(try evalArg(arg, dot: dot, command: command)) }
        if let final { values.append(final) }
        do {
            return try functions.call(fn, values)
        } catch {
            // Go reports a failing call at the command (`<gt $value 1>`), argument errors at the function name.
            if error.wrapped {
                throw failure(at: command.pos, command.goDescription, "error calling \(fn): \(error.message)")
            }
            throw failure(at: operand.pos, fn, error.message)
        }
    }

    // MARK: - Fields

    /// Follows `fields` from `start`; `args` (nil: none given) go to the last one, which must
    /// then be a method.
    private func access(
        _ fields: [String], on start: TemplateValue, operand: TemplateOperand, args: [TemplateValue]? = nil
    ) throws(TemplateError) -> TemplateValue {
        var value = start
        for (i, field) in fields.enumerated() {
            let isLast = i == fields.count - 1
            if case .object(let o) = value {
                let callArgs = isLast ? args ?? [] : []
                let member: TemplateValue?
                do {
                    member = try o.base.member(field, args: callArgs)
                } catch {
                    if error.wrapped {
                        throw failure(at: operand.pos, operand.goDescription, "error calling \(field): \(error.message)")
                    }
                    throw failure(at: operand.pos, operand.goDescription, error.message)
                }
                guard let member else {
                    throw failure(at: operand.pos, operand.goDescription, "can't evaluate field \(field) in type \(value.goTypeName)")
                }
                value = member
                continue
            }
            if isLast, args != nil {
                throw failure(at: operand.pos, operand.goDescription, "\(field) has arguments but cannot be invoked as function")
            }
            switch value {
            case .alertData(let d):
                switch field {
                case "Labels": value = .labels(d.labels)
                case "ExternalLabels": value = .labels(d.externalLabels)
                case "ExternalURL": value = .string(d.externalURL)
                case "Value": value = .float(d.value)
                default:
                    throw failure(at: operand.pos, operand.goDescription, "can't evaluate field \(field) in type \(value.goTypeName)")
                }
            case .labels(let m): value = .string(m[field] ?? "")
            case .map(let m): value = m[field] ?? .none
            case .sample(let s):
                switch field {
                case "Labels": value = .labels(s.labels)
                case "Value": value = .float(s.value)
                default:
                    throw failure(at: operand.pos, operand.goDescription, "can't evaluate field \(field) in type template.sample")
                }
            case .time(let ns):
                switch field {
                case "Unix": value = .int(Int(ns / 1_000_000_000 - (ns % 1_000_000_000 < 0 ? 1 : 0)))
                case "UnixMilli": value = .int(Int(ns / 1_000_000))
                case "UnixNano": value = .int(Int(ns))
                case "UTC": value = .time(nanoseconds: ns)
                case "String": value = .string(GoTime.string(nanoseconds: ns))
                default:
                    throw failure(at: operand.pos, operand.goDescription, "can't evaluate field \(field) in type *time.Time")
                }
            case .none:
                throw failure(at: operand.pos, operand.goDescription, "nil pointer evaluating interface {}.\(field)")
            default:
                throw failure(at: operand.pos, operand.goDescription, "can't evaluate field \(field) in type \(value.goTypeName)")
            }
        }
        return value
    }
}
