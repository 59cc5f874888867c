import FuzzSupport
import PromQL

/// PromQL parser: any text either parses or throws `ParseErrors`; never crashes or hangs.
/// A parsed expression, printed, must parse again to the same printed form (the printer
/// feeds rule-file errors and `binwatch query` output).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    for options in [ParserOptions.standard, .promqlTest] {
        guard let expr = try? Parser.parseExpr(text, options: options) else { continue }
        let printed = expr.description
        let again: Expr
        do {
            again = try Parser.parseExpr(printed, options: options)
        } catch {
            fuzzCheck(false, "printed form does not parse: \(printed.debugDescription) (from \(text.debugDescription)): \(error)")
            continue
        }
        fuzzCheck(again.description == printed, "printing is not stable: \(printed.debugDescription) → \(again.description.debugDescription)")
    }
    _ = try? Parser.parseMetricSelector(text)
    return 0
}

@main enum Main {
    static func main() { FuzzMain.run(fuzz) }
}
