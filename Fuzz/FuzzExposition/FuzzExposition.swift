import Exposition
import FuzzSupport

/// Prometheus text 0.0.4 parser (scrapes and textfiles): any bytes either parse or throw
/// `ExpositionErrors`. What parses re-encodes, and encoding is a fixed point: parsing the
/// encoded text and encoding again gives the same bytes (what the textfile writer relies on).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    for textfile in [false, true] {
        guard let families = try? TextParser(format: .prometheusText, textfile: textfile).parse(bytes) else { continue }
        let encoder = TextEncoder(textfile: textfile)
        let encoded: String
        do {
            encoded = try encoder.encode(families)
        } catch {
            fuzzCheck(false, "parsed families do not encode: \(error) (input \(String(decoding: bytes, as: UTF8.self).debugDescription))")
            continue
        }
        do {
            let again = try encoder.encode(try TextParser(format: .prometheusText, textfile: textfile).parse(encoded))
            fuzzCheck(again == encoded, "encode ∘ parse is not stable: \(encoded.debugDescription) → \(again.debugDescription)")
        } catch {
            fuzzCheck(false, "encoded text does not parse: \(error) (encoded \(encoded.debugDescription))")
        }
    }
    return 0
}

@main enum Main {
    static func main() { FuzzMain.run(fuzz) }
}
