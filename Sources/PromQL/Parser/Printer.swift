import Foundation
import Model

/// `expr.description` is Prometheus's `Expr.String()`: the canonical text that parses
/// back to the same tree (used by the rules API and promtool-style output).
extension Expr: CustomStringConvertible {
    public var description: String {
        switch self {
        case .numberLiteral(let node):
            if node.isDuration {
                let ms = Int64((node.value * 1000).rounded())
                return ms < 0 ? "-" + PromDuration(milliseconds: -ms).description : PromDuration(milliseconds: ms).description
            }
            return GoFloat.format(node.value)
        case .stringLiteral(let node): return GoQuote.quote(node.value)
        case .vectorSelector(let node): return node.description
        case .matrixSelector(let node): return node.description
        case .subquery(let node):
            return node.expr.description + Printer.subquerySuffix(node)
        case .call(let node): return node.function.name + "(" + node.args.map(\.description).joined(separator: ", ") + ")"
        case .aggregate(let node):
            var out = node.op.rawValue
            if node.without {
                out += " without (" + Printer.labels(node.grouping) + ") "
            } else if !node.grouping.isEmpty {
                out += " by (" + Printer.labels(node.grouping) + ") "
            }
            out += "("
            if let param = node.param, node.op.takesParameter { out += param.description + ", " }
            return out + node.expr.description + ")"
        case .binary(let node):
            return node.lhs.description + " " + node.op.rawValue + (node.returnBool ? " bool" : "")
                + Printer.matching(node.vectorMatching) + " " + node.rhs.description
        case .unary(let node): return node.op.rawValue + node.expr.description
        case .paren(let node): return "(" + node.expr.description + ")"
        }
    }
}

extension VectorSelector: CustomStringConvertible {
    public var description: String {
        var matcherTexts: [String] = []
        for matcher in matchers {
            if matcher.name == LabelName.metricName && matcher.kind == .equal && matcher.value == name && !name.isEmpty { continue }
            matcherTexts.append(Printer.matcher(matcher))
        }
        var out = name
        if !matcherTexts.isEmpty { out += "{" + matcherTexts.sorted().joined(separator: ",") + "}" }
        out += Printer.at(timestamp, startOrEnd)
        if anchored { out += " anchored" } else if smoothed { out += " smoothed" }
        return out + Printer.offset(originalOffset, originalOffsetExpr)
    }
}

extension MatrixSelector: CustomStringConvertible {
    public var description: String {
        var bare = vectorSelector
        bare.originalOffset = 0
        bare.originalOffsetExpr = nil
        bare.timestamp = nil
        bare.startOrEnd = nil
        bare.anchored = false
        bare.smoothed = false
        let extended = vectorSelector.anchored ? " anchored" : vectorSelector.smoothed ? " smoothed" : ""
        return bare.description + "[" + Printer.duration(range, rangeExpr) + "]" + extended
            + Printer.at(vectorSelector.timestamp, vectorSelector.startOrEnd)
            + Printer.offset(vectorSelector.originalOffset, vectorSelector.originalOffsetExpr)
    }
}

extension DurationExpr: CustomStringConvertible {
    public var description: String {
        switch self {
        case .literal(let literal): Expr.numberLiteral(literal).description
        case .step: "step()"
        case .range: "range()"
        case .unary(let op, let operand, _): op == .minus ? "-" + operand.description : operand.description
        case .binary(let op, let lhs, let rhs): lhs.description + " " + op.rawValue + " " + rhs.description
        case .minOf(let lhs, let rhs, _): "min_of(" + lhs.description + ", " + rhs.description + ")"
        case .maxOf(let lhs, let rhs, _): "max_of(" + lhs.description + ", " + rhs.description + ")"
        case .paren(let inner, _): "(" + inner.description + ")"
        }
    }
}

enum Printer {
    static func duration(_ ms: Int64, _ expr: DurationExpr?) -> String {
        expr?.description ?? PromDuration(milliseconds: ms).description
    }

    /// A subquery's `[range:step] @ t offset d` (Prometheus's `getSubqueryTimeSuffix`).
    static func subquerySuffix(_ node: SubqueryExpr) -> String {
        var out = "[" + duration(node.range, node.rangeExpr) + ":"
        if node.step != 0 { out += PromDuration(milliseconds: node.step).description }
        else if let stepExpr = node.stepExpr { out += stepExpr.description }
        return out + "]" + at(node.timestamp, node.startOrEnd) + offset(node.originalOffset, node.originalOffsetExpr)
    }

    static func offset(_ ms: Int64, _ expr: DurationExpr?) -> String {
        if let expr { return " offset " + expr.description }
        if ms > 0 { return " offset " + PromDuration(milliseconds: ms).description }
        if ms < 0 { return " offset -" + PromDuration(milliseconds: -ms).description }
        return ""
    }

    static func at(_ timestamp: Int64?, _ preprocessor: AtModifierPreprocessor?) -> String {
        if let timestamp { return " @ " + String(format: "%.3f", Double(timestamp) / 1000) }
        switch preprocessor {
        case .start: return " @ start()"
        case .end: return " @ end()"
        case nil: return ""
        }
    }

    /// Label lists quote names that are not legacy-valid (`"my.label"`).
    static func labels(_ names: [String]) -> String {
        names.map { MetricNames.isValidLabelName($0) ? $0 : GoQuote.quote($0) }.joined(separator: ", ")
    }

    /// `labels.Matcher.String()`: the name quoted when not legacy-valid, the value Go-quoted.
    static func matcher(_ matcher: Matcher) -> String {
        let name = MetricNames.isValidLabelName(matcher.name) ? matcher.name : GoQuote.quote(matcher.name)
        return name + matcher.kind.rawValue + GoQuote.quote(matcher.value)
    }

    static func matching(_ matching: VectorMatching?) -> String {
        guard let vm = matching else { return "" }
        var out = ""
        let grouped = vm.card == .manyToOne || vm.card == .oneToMany
        if !vm.matchingLabels.isEmpty || vm.on || grouped {
            out += " " + (vm.on ? "on" : "ignoring") + " (" + labels(vm.matchingLabels) + ")"
        }
        if grouped {
            out += " group_" + (vm.card == .manyToOne ? "left" : "right") + " (" + labels(vm.include) + ")"
        }
        let fill = vm.fillValues
        if let lhs = fill.lhs, let rhs = fill.rhs, lhs == rhs {
            out += " fill (" + GoFloat.formatV(lhs) + ")"
        } else {
            if let lhs = fill.lhs { out += " fill_left (" + GoFloat.formatV(lhs) + ")" }
            if let rhs = fill.rhs { out += " fill_right (" + GoFloat.formatV(rhs) + ")" }
        }
        return out
    }
}

/// Go float formatting.
enum GoFloat {
    /// `strconv.FormatFloat(v, 'f', -1, 64)`: shortest round-trip digits, never an exponent.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        let shortest = "\(value)"
        let negative = shortest.hasPrefix("-")
        let unsigned = negative ? String(shortest.dropFirst()) : shortest
        let parts = unsigned.lowercased().split(separator: "e")
        var mantissa = String(parts[0])
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var pointIndex = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        mantissa.removeAll { $0 == "." }
        pointIndex += exponent
        var digits = mantissa
        if pointIndex <= 0 {
            digits = String(repeating: "0", count: 1 - pointIndex) + digits
            pointIndex = 1
        } else if pointIndex > digits.count {
            digits += String(repeating: "0", count: pointIndex - digits.count)
        }
        var integerPart = String(digits.prefix(pointIndex))
        var fraction = String(digits.dropFirst(pointIndex))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        while integerPart.count > 1 && integerPart.hasPrefix("0") { integerPart.removeFirst() }
        let body = fraction.isEmpty ? integerPart : integerPart + "." + fraction
        return (negative && body != "0" ? "-" : negative ? "-" : "") + body
    }

    /// Go's `%v` for a float64 (`%g` with shortest digits; exponent when < 1e-4 or >= 1e21).
    static func formatV(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e21) {
            let text = "\(value)".lowercased()
            guard let e = text.firstIndex(of: "e") else { return text }
            let exponent = Int(text[text.index(after: e)...]) ?? 0
            let sign = exponent < 0 ? "-" : "+"
            let digits = String(abs(exponent))
            return String(text[..<e]) + "e" + sign + (digits.count < 2 ? "0" + digits : digits)
        }
        return format(value)
    }
}
