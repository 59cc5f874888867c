import FuzzSupport
import Rules

/// Go-template subset: any text either parses or throws; a parsed template executes against an
/// alert's data (labels, external labels, value) or throws; neither crashes nor recurses without
/// bound. `AlertTemplate.expand` (what the rule manager calls) never throws.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let alert = AlertTemplateData(
        labels: ["alertname": "BinCacheStale", "facility": "plant-1", "instance": "10.0.0.1:9464"],
        externalLabels: ["site": "plant-1"], externalURL: "http://127.0.0.1:9090", value: 1234.5678)
    if let template = try? Template(name: "fuzz", text: text) {
        _ = try? template.execute(data: .alertData(alert), externalURL: alert.externalURL)
        _ = try? template.execute(data: .float(-0.001))
    }
    _ = AlertTemplate.expand(text, alert: "BinCacheStale", data: alert)
    return 0
}

@main enum Main {
    static func main() { FuzzMain.run(fuzz) }
}
