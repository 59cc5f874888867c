public import Model

/// The JSON body Prometheus's HTTP API returns for `/api/v1/query` and
/// `/api/v1/query_range`, byte for byte (jsoniter with the standard library's HTML
/// escaping), so results can be diffed against a real server.
public enum APIResponse {
    /// `{"status":"success","data":{"resultType":…,"result":…}}`.
    public static func success(_ value: Value) -> String {
        success(value, annotations: Annotations(), query: "")
    }

    /// The success body with the query's annotations as the API adds them after `data`:
    /// `"warnings":[…]` and `"infos":[…]`, each left out when empty, at most 10 of each
    /// (`api.respond`), positions as `line:col` in `query`.
    public static func success(_ value: Value, annotations: Annotations, query: String) -> String {
        var out = "{\"status\":\"success\",\"data\":{\"resultType\":\"\(value.typeName)\",\"result\":"
        switch value {
        case .vector(let vector):
            out += "[" + vector.map { sample in
                "{\"metric\":\(labels(sample.labels)),\"value\":\(point(sample.timestamp, sample.value))}"
            }.joined(separator: ",") + "]"
        case .matrix(let matrix):
            out += "[" + matrix.map { series in
                let points = zip(series.timestamps, series.values).map { point($0, $1) }.joined(separator: ",")
                return "{\"metric\":\(labels(series.labels)),\"values\":[\(points)]}"
            }.joined(separator: ",") + "]"
        case .scalar(let scalar):
            out += point(scalar.timestamp, scalar.value)
        case .string(let string):
            out += "[\(PromFloat.jsonTimestamp(string.timestamp)),\(quote(string.value))]"
        }
        out += "}"
        let (warnings, infos) = annotations.strings(query: query, maxWarnings: 10, maxInfos: 10)
        if !warnings.isEmpty { out += ",\"warnings\":[" + warnings.map(quote).joined(separator: ",") + "]" }
        if !infos.isEmpty { out += ",\"infos\":[" + infos.map(quote).joined(separator: ",") + "]" }
        return out + "}"
    }

    /// `{"status":"error","errorType":"bad_data","error":"…"}`.
    public static func error(type: String, message: String) -> String {
        "{\"status\":\"error\",\"errorType\":\(quote(type)),\"error\":\(quote(message))}"
    }

    static func point(_ t: Int64, _ v: Double) -> String {
        "[\(PromFloat.jsonTimestamp(t)),\"\(PromFloat.json(v))\"]"
    }

    static func labels(_ labels: Labels) -> String {
        "{" + labels.pairs.map { "\(quote($0.name)):\(quote($0.value))" }.joined(separator: ",") + "}"
    }

    /// A JSON string as Go's encoding/json writes it (HTML-safe, U+2028/9 escaped).
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 { out += "\\u" + hex4(scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
