public import Model

/// `sort`, `sort_desc`, `sort_by_label`, `sort_by_label_desc`.
enum Sorting {
    static func sort(_ vector: Vector, function: String, labelNames: [String]) -> Vector {
        switch function {
        case "sort":
            return vector.sorted { a, b in
                if a.value.isNaN { return false }
                if b.value.isNaN { return true }
                return a.value < b.value
            }
        case "sort_desc":
            return vector.sorted { a, b in
                if a.value.isNaN { return false }
                if b.value.isNaN { return true }
                return a.value > b.value
            }
        default:
            let descending = function == "sort_by_label_desc"
            return vector.sorted { a, b in
                for name in labelNames {
                    let x = a.labels[name] ?? "", y = b.labels[name] ?? ""
                    if x == y { continue }
                    return descending ? naturalLess(y, x) : naturalLess(x, y)
                }
                return descending ? b.labels < a.labels : a.labels < b.labels
            }
        }
    }

    /// Natural order: runs of digits compare by number, other runs as text.
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        let x = chunks(a), y = chunks(b)
        for (p, q) in zip(x, y) where p != q {
            let pn = p.first?.isNumber ?? false, qn = q.first?.isNumber ?? false
            if pn && qn, let pv = Double(p), let qv = Double(q), pv != qv { return pv < qv }
            return p < q
        }
        return x.count < y.count
    }

    private static func chunks(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        var digit: Bool?
        for c in s {
            let isDigit = c.isASCII && c.isNumber
            if digit != nil && digit != isDigit {
                out.append(current)
                current = ""
            }
            current.append(c)
            digit = isDigit
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
