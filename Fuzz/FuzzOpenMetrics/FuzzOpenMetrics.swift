import Exposition
import FuzzSupport

/// OpenMetrics 1.0 text parser (`binwatch query --data` backfill files): any bytes either parse
/// or throw `ExpositionErrors`. What parses is handed to the 0.0.4 encoder, which either
/// encodes it or throws `EncodeError` (OpenMetrics-only types), never crashes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    if let families = try? TextParser(format: .openMetrics).parse(bytes) {
        _ = try? TextEncoder().encode(families)
    }
    return 0
}

@main enum Main {
    static func main() { FuzzMain.run(fuzz) }
}
