import Exposition

/// `/api/v1/metadata` as Prometheus 2.42 answers it (`web/api/v1/api.go`'s `metricMetadata`):
/// per metric name, each distinct type, help and unit its sources declared. `metric` keeps
/// one name; `limit` caps how many names are answered (a negative one does not).
///
/// Prometheus reads its targets' scrape caches; binwatch reads each source's metadata at its
/// last answer (scraped pages as declared, binwatch's own collectors from their families).
/// Go picks the names a `limit` keeps in map order, which is random; binwatch keeps the
/// first ones in name order, the order both print them in.
enum MetadataAPI {
    /// - Parameters:
    ///   - sources: each source's metadata, by source name.
    ///   - own: binwatch's own families' (listed first, as a Prometheus scraping itself would).
    static func response(
        _ params: RequestParameters, sources: [String: [MetricMetadata]], own: [MetricMetadata] = []
    ) -> (Int, String) {
        var limit = -1
        if let text = params["limit"], !text.isEmpty {
            guard let number = Int(text) else { return SeriesIndexAPI.badData("limit must be a number") }
            limit = number
        }
        let metric = params["metric"] ?? ""
        var byName: [String: [MetricMetadata]] = [:]
        var seen = Set<MetricMetadata>()
        for entries in [own] + sources.keys.sorted().map({ sources[$0] ?? [] }) {
            for entry in entries where metric.isEmpty || entry.metric == metric {
                if seen.insert(entry).inserted { byName[entry.metric, default: []].append(entry) }
            }
        }
        var names = byName.keys.sorted()
        if limit >= 0 { names = Array(names.prefix(limit)) }
        let members = names.map { name in
            let entries = (byName[name] ?? []).map { entry in
                "{\"type\":\(APIJSON.quote(entry.type)),\"help\":\(APIJSON.quote(entry.help)),\"unit\":\(APIJSON.quote(entry.unit))}"
            }
            return APIJSON.quote(name) + ":[" + entries.joined(separator: ",") + "]"
        }
        return SeriesIndexAPI.ok("{" + members.joined(separator: ",") + "}")
    }
}
