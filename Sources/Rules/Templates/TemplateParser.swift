import Foundation

/// Go's `text/template/parse` parser, ported closely (same lookahead, same checks in the
/// same order) so that a template promtool rejects is rejected here with the same words.
struct TemplateParser {
    private var lexer: TemplateLexer
    private let name: String
    private let functions: Set<String>
    private var tokens: [TemplateToken] = []  // token[0] is the latest read, as in Go
    private var peekCount = 0
    private var vars: [String] = ["$"]
    private var rangeDepth = 0
    /// The line of the `{{` being parsed (0 outside an action), which Go adds to a lexer
    /// error on a later line: `unclosed action started at t.tmpl:1`.
    private var actionLine = 0
    /// Nesting of control structures and parenthesized pipelines: the parser and the evaluator
    /// recurse per level (about 15 KB of stack per parenthesis in a debug build), and a Swift
    /// thread's fixed stack overflowed on 700 nested parentheses or 20,000 nested `{{if}}`s
    /// (found by FuzzTemplate). Go limits parentheses to 10000 (1000 on js/wasm) with this
    /// message; here both kinds of nesting share a limit no alert template comes near.
    private var depth = 0
    static let maxDepth = 100
    /// `{{define "x"}}` bodies found while parsing.
    private(set) var definitions: [String: [TemplateNode]] = [:]

    init(name: String, text: String, functions: Set<String>) {
        self.name = name
        self.lexer = TemplateLexer(text)
        self.functions = functions
        self.tokens = Array(repeating: TemplateToken(kind: .eof, pos: 0, value: "", line: 1), count: 3)
    }

    /// Parses the whole text into the top-level node list.
    mutating func parse() throws(TemplateError) -> [TemplateNode] {
        var root: [TemplateNode] = []
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delim = next()
                if nextNonSpace().kind == .define {
                    try parseDefinition()
                    continue
                }
                backup2(delim)
            }
            let (node, terminator) = try textOrAction()
            if let terminator { throw fail("unexpected \(terminator)") }
            if let node { root.append(node) }
        }
        return root
    }

    // MARK: - Token buffer

    private mutating func next() -> TemplateToken {
        if peekCount > 0 {
            peekCount -= 1
        } else {
            tokens[0] = lexer.next()
        }
        return tokens[peekCount]
    }

    private mutating func backup() { peekCount += 1 }

    private mutating func backup2(_ t1: TemplateToken) {
        tokens[1] = t1
        peekCount = 2
    }

    private mutating func backup3(_ t2: TemplateToken, _ t1: TemplateToken) {
        tokens[1] = t1
        tokens[2] = t2
        peekCount = 3
    }

    private mutating func peek() -> TemplateToken {
        if peekCount > 0 { return tokens[peekCount - 1] }
        peekCount = 1
        tokens[0] = lexer.next()
        return tokens[0]
    }

    private mutating func nextNonSpace() -> TemplateToken {
        var token = next()
        while token.kind == .space { token = next() }
        return token
    }

    private mutating func peekNonSpace() -> TemplateToken {
        let token = nextNonSpace()
        backup()
        return token
    }

    private func fail(_ text: String) -> TemplateError {
        TemplateError.parse(name: name, line: tokens[0].line, text)
    }

    private mutating func expect(_ kind: TemplateToken.Kind, _ context: String) throws(TemplateError) -> TemplateToken {
        let token = nextNonSpace()
        if token.kind != kind { throw unexpected(token, context) }
        return token
    }

    private func unexpected(_ token: TemplateToken, _ context: String) -> TemplateError {
        if token.kind == .error {
            guard actionLine != 0, actionLine != token.line else { return fail(token.value) }
            // Go: " in action started at …", shortened after a message that ends in " action".
            let started = "started at \(name):\(actionLine)"
            return fail(token.value + (token.value.hasSuffix(" action") ? " " : " in action ") + started)
        }
        return fail("unexpected \(token.goDescription) in \(context)")
    }

    // MARK: - Structure

    /// A `{{else}}`/`{{end}}` terminator as Go prints it in "unexpected {{end}}".
    private enum Terminator: CustomStringConvertible {
        case end
        case elseKeyword(chainedIf: Bool, chainedWith: Bool)
        var description: String {
            switch self {
            case .end: "{{end}}"
            case .elseKeyword: "{{else}}"
            }
        }
    }

    private mutating func parseDefinition() throws(TemplateError) {
        let context = "define clause"
        let token = nextNonSpace()
        guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
        let defName = try unquote(token)
        _ = try expect(.rightDelim, context)
        let saved = vars
        vars = ["$"]
        let (list, end) = try itemList()
        vars = saved
        guard case .end = end else { throw fail("unexpected \(end) in \(context)") }
        definitions[defName] = list
    }

    private mutating func itemList() throws(TemplateError) -> ([TemplateNode], Terminator) {
        var list: [TemplateNode] = []
        while peekNonSpace().kind != .eof {
            let (node, terminator) = try textOrAction()
            if let terminator { return (list, terminator) }
            if let node { list.append(node) }
        }
        throw fail("unexpected EOF")
    }

    private mutating func textOrAction() throws(TemplateError) -> (TemplateNode?, Terminator?) {
        let token = nextNonSpace()
        switch token.kind {
        case .text: return (.text(token.value), nil)
        case .leftDelim:
            actionLine = token.line
            defer { actionLine = 0 }
            return try action()
        default: throw unexpected(token, "input")
        }
    }

    private mutating func action() throws(TemplateError) -> (TemplateNode?, Terminator?) {
        let token = nextNonSpace()
        switch token.kind {
        case .block:
            throw fail("{{block}} is not supported by binwatch templates")
        case .breakKeyword:
            guard rangeDepth > 0 else { throw fail("{{break}} outside {{range}}") }
            let t = nextNonSpace()
            guard t.kind == .rightDelim else { throw unexpected(t, "{{break}}") }
            return (.breakNode, nil)
        case .continueKeyword:
            guard rangeDepth > 0 else { throw fail("{{continue}} outside {{range}}") }
            let t = nextNonSpace()
            guard t.kind == .rightDelim else { throw unexpected(t, "{{continue}}") }
            return (.continueNode, nil)
        case .elseKeyword:
            let p = peekNonSpace()
            if p.kind == .ifKeyword { return (nil, .elseKeyword(chainedIf: true, chainedWith: false)) }
            if p.kind == .with { return (nil, .elseKeyword(chainedIf: false, chainedWith: true)) }
            _ = try expect(.rightDelim, "else")
            return (nil, .elseKeyword(chainedIf: false, chainedWith: false))
        case .end:
            _ = try expect(.rightDelim, "end")
            return (nil, .end)
        case .ifKeyword: return (try control(kind: "if"), nil)
        case .range: return (try control(kind: "range"), nil)
        case .with: return (try control(kind: "with"), nil)
        case .template: return (try templateControl(), nil)
        default:
            backup()
            return (.action(try pipeline("command", end: .rightDelim)), nil)
        }
    }

    private mutating func enterNesting() throws(TemplateError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("max expression depth exceeded") }
    }

    private mutating func control(kind: String) throws(TemplateError) -> TemplateNode {
        try enterNesting()
        defer { depth -= 1 }
        let savedVars = vars.count
        defer { vars.removeLast(vars.count - savedVars) }
        if kind == "range" { rangeDepth += 1 }
        let pipe = try pipeline(kind, end: .rightDelim)
        let (list, terminator) = try itemList()
        if kind == "range" { rangeDepth -= 1 }
        var elseList: [TemplateNode]?
        if case .elseKeyword(let chainedIf, let chainedWith) = terminator {
            if (kind == "if" && chainedIf) || (kind == "with" && chainedWith) {
                _ = next()  // consume the `if`/`with`
                elseList = [try control(kind: kind)]
            } else {
                let (otherList, end) = try itemList()
                guard case .end = end else { throw fail("expected end; found \(end)") }
                elseList = otherList
            }
        }
        switch kind {
        case "if": return .ifNode(pipe, list, elseList)
        case "range": return .range(pipe, list, elseList)
        default: return .with(pipe, list, elseList)
        }
    }

    private mutating func templateControl() throws(TemplateError) -> TemplateNode {
        let context = "template clause"
        let token = nextNonSpace()
        guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
        let templateName = try unquote(token)
        var pipe: TemplatePipe?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return .template(name: templateName, pipe: pipe, pos: token.pos)
    }

    // MARK: - Pipelines

    private mutating func pipeline(_ context: String, end: TemplateToken.Kind) throws(TemplateError) -> TemplatePipe {
        var pipe = TemplatePipe(pos: peekNonSpace().pos)
        var declaring = true
        while declaring {
            declaring = false
            let v = peekNonSpace()
            guard v.kind == .variable else { break }
            _ = next()
            let tokenAfterVariable = peek()
            let following = peekNonSpace()
            if following.kind == .assign || following.kind == .declare {
                pipe.isAssign = following.kind == .assign
                _ = nextNonSpace()
                pipe.declarations.append(v.value)
                vars.append(v.value)
            } else if following.kind == .char && following.value == "," {
                _ = nextNonSpace()
                pipe.declarations.append(v.value)
                vars.append(v.value)
                if context == "range" && pipe.declarations.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen:
                        declaring = true
                        continue
                    default: throw fail("range can only initialize variables")
                    }
                }
                throw fail("too many declarations in \(context)")
            } else if tokenAfterVariable.kind == .space {
                backup3(v, tokenAfterVariable)
            } else {
                backup2(v)
            }
        }
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                try checkPipeline(pipe, context)
                if token.kind == .rightParen { backup() }
                return pipe
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKeyword, .rawString,
                .string, .variable, .leftParen:
                backup()
                pipe.commands.append(try command())
            default:
                throw unexpected(token, context)
            }
        }
    }

    private func checkPipeline(_ pipe: TemplatePipe, _ context: String) throws(TemplateError) {
        if pipe.commands.isEmpty { throw fail("missing value for \(context)") }
        for (i, command) in pipe.commands.enumerated().dropFirst() {
            switch command.args.first?.kind {
            case .bool, .dot, .nilValue, .number, .string:
                throw fail("non executable command in pipeline stage \(i + 1)")
            default: break
            }
        }
    }

    private mutating func command() throws(TemplateError) -> TemplateCommand {
        var command = TemplateCommand(pos: peekNonSpace().pos)
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { command.args.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelim, .rightParen: backup()
            case .pipe: break
            default: throw unexpected(token, "operand")
            }
            break
        }
        if command.args.isEmpty { throw fail("empty command") }
        return command
    }

    private mutating func operand() throws(TemplateError) -> TemplateOperand? {
        guard let node = try term() else { return nil }
        guard peek().kind == .field else { return node }
        // Go positions the resulting node at the first chained field, not at the term.
        let chainPos = peek().pos
        var fields: [String] = []
        while peek().kind == .field { fields.append(String(next().value.dropFirst())) }
        switch node.kind {
        case .field(let f): return TemplateOperand(kind: .field(f + fields), pos: chainPos)
        case .variable(let n, let f): return TemplateOperand(kind: .variable(n, f + fields), pos: chainPos)
        case .bool, .string, .number, .nilValue, .dot:
            throw fail("unexpected . after term \(GoPrintf.goQuote(node.goDescription))")
        case .pipe(let p): return TemplateOperand(kind: .chain(p, fields), pos: chainPos)
        case .chain(let p, let f): return TemplateOperand(kind: .chain(p, f + fields), pos: chainPos)
        case .identifier:
            let pipe = TemplatePipe(pos: node.pos, commands: [TemplateCommand(pos: node.pos, args: [node])])
            return TemplateOperand(kind: .chain(pipe, fields), pos: chainPos)
        }
    }

    private mutating func term() throws(TemplateError) -> TemplateOperand? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            guard functions.contains(token.value) else {
                throw fail("function \(GoPrintf.goQuote(token.value)) not defined")
            }
            return TemplateOperand(kind: .identifier(token.value), pos: token.pos)
        case .dot: return TemplateOperand(kind: .dot, pos: token.pos)
        case .nilKeyword: return TemplateOperand(kind: .nilValue, pos: token.pos)
        case .variable:
            let parts = token.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let varName = parts.first ?? token.value
            guard vars.contains(varName) else { throw fail("undefined variable \(GoPrintf.goQuote(varName))") }
            return TemplateOperand(kind: .variable(varName, Array(parts.dropFirst())), pos: token.pos)
        case .field:
            return TemplateOperand(kind: .field([String(token.value.dropFirst())]), pos: token.pos)
        case .bool: return TemplateOperand(kind: .bool(token.value == "true"), pos: token.pos)
        case .charConstant, .complex, .number:
            return TemplateOperand(kind: .number(try number(token), text: token.value), pos: token.pos)
        case .leftParen:
            try enterNesting()
            defer { depth -= 1 }
            let pipe = try pipeline("parenthesized pipeline", end: .rightParen)
            let close = next()
            guard close.kind == .rightParen else { throw fail("unclosed right paren: unexpected \(close.goDescription)") }
            return TemplateOperand(kind: .pipe(pipe), pos: token.pos)
        case .string, .rawString:
            return TemplateOperand(kind: .string(try unquote(token), quoted: token.value), pos: token.pos)
        default:
            backup()
            return nil
        }
    }

    // MARK: - Literals

    private func number(_ token: TemplateToken) throws(TemplateError) -> TemplateValue {
        let text = token.value.replacingOccurrences(of: "_", with: "")
        if token.kind == .complex || text.hasSuffix("i") {
            throw fail("complex constants are not supported by binwatch templates: \(token.value)")
        }
        if token.kind == .charConstant {
            let inner = String(token.value.dropFirst().dropLast())
            guard let unescaped = GoStringLiteral.unescape(inner, quote: "'"), unescaped.unicodeScalars.count == 1,
                let scalar = unescaped.unicodeScalars.first
            else {
                throw fail("malformed character constant: \(token.value)")
            }
            return .int(Int(scalar.value))
        }
        let negative = text.hasPrefix("-")
        let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        let lower = unsigned.lowercased()
        var radix = 10
        var digits = unsigned
        if lower.hasPrefix("0x") { radix = 16; digits = String(unsigned.dropFirst(2)) }
        else if lower.hasPrefix("0o") { radix = 8; digits = String(unsigned.dropFirst(2)) }
        else if lower.hasPrefix("0b") { radix = 2; digits = String(unsigned.dropFirst(2)) }
        else if unsigned.count > 1 && unsigned.hasPrefix("0") && unsigned.allSatisfy(\.isNumber) { radix = 8; digits = String(unsigned.dropFirst()) }
        if let n = Int(digits, radix: radix) { return .int(negative ? -n : n) }
        if radix == 10, let f = Double(unsigned), !unsigned.contains("p") {
            return .float(negative ? -f : f)
        }
        throw fail("illegal number syntax: \(GoPrintf.goQuote(token.value))")
    }

    private func unquote(_ token: TemplateToken) throws(TemplateError) -> String {
        if token.kind == .rawString { return String(token.value.dropFirst().dropLast()) }
        guard let s = GoStringLiteral.unescape(String(token.value.dropFirst().dropLast()), quote: "\"") else {
            throw fail("invalid syntax")
        }
        return s
    }
}
