import FuzzSupport
import Rules

/// Rule-file loader (YAML, shape checks, PromQL and template checks): any bytes either decode
/// or throw `RuleFileErrors`, under both the Prometheus 3 and the 2.42 rules.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    for compatibility in [RuleFileDecoder.Compatibility.prometheus3, .prometheus2_42] {
        do {
            _ = try RuleFileDecoder(compatibility: compatibility).decode(text, path: "fuzz.yml")
        } catch {
            // Every error names the file: an error without it would not be actionable.
            fuzzCheck(error.description.contains("fuzz.yml"), "error without the file name: \(error)")
        }
    }
    return 0
}

@main enum Main {
    static func main() { FuzzMain.run(fuzz) }
}
