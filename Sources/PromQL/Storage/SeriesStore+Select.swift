public import Model

extension SeriesStore {
    /// Ids of the series matching every matcher, ascending.
    ///
    /// Matchers that reject the empty value narrow the candidates through the postings
    /// (only the values of that label are tested, not every series); matchers that
    /// accept the empty value (`a!="x"`, `a=~".*"`) also accept series without the
    /// label, so they filter the candidates afterwards.
    func matchingIDs(_ matchers: [Matcher]) -> [Int32] {
        var candidates: [Int32]?
        var filters: [Matcher] = []
        for matcher in matchers {
            if matcher.matchesEmpty {
                filters.append(matcher)
                continue
            }
            let ids = postingsFor(matcher)
            candidates = candidates.map { intersect($0, ids) } ?? ids
            if candidates?.isEmpty == true { return [] }
        }
        let base = candidates ?? Array(0..<Int32(series.count))
        guard !filters.isEmpty else { return base }
        return base.filter { id in
            let labels = series[Int(id)].labels
            return filters.allSatisfy { $0.matches(labels[$0.name] ?? "") }
        }
    }

    /// Union of the postings of every value of the matcher's label that it accepts.
    private func postingsFor(_ matcher: Matcher) -> [Int32] {
        guard let name = symbols.id(of: matcher.name), let values = postings[name] else { return [] }
        if matcher.kind == .equal {
            guard let value = symbols.id(of: matcher.value) else { return [] }
            return values[value] ?? []
        }
        var lists: [[Int32]] = []
        for (value, ids) in values where matcher.matches(symbols[value]) {
            lists.append(ids)
        }
        if lists.count == 1 { return lists[0] }
        return Array(Set(lists.joined())).sorted()
    }

    private func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var out: [Int32] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                out.append(a[i]); i += 1; j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return out
    }

    /// The samples of series `id` within `[mint, maxt]`.
    func samples(of id: Int32, mint: Int64, maxt: Int64) -> Series? {
        let stored = series[Int(id)]
        let ts = stored.timestamps
        let lo = lowerBound(ts, mint)
        let hi = lowerBound(ts, maxt &+ 1)
        guard lo < hi else { return nil }
        if lo == 0 && hi == ts.count {
            return Series(labels: stored.labels, timestamps: ts, values: stored.values)
        }
        return Series(labels: stored.labels, timestamps: Array(ts[lo..<hi]), values: Array(stored.values[lo..<hi]))
    }
}

/// First index whose timestamp is >= `t`.
@inline(__always)
func lowerBound(_ ts: [Int64], _ t: Int64) -> Int {
    var lo = 0, hi = ts.count
    while lo < hi {
        let mid = (lo + hi) >> 1
        if ts[mid] < t { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// A read view of one store snapshot over a window.
struct StoreQuerier: Querier {
    let store: SeriesStore
    let mint: Int64
    let maxt: Int64

    func select(_ matchers: [Matcher]) -> [Series] {
        let result = store.matchingIDs(matchers).compactMap { store.samples(of: $0, mint: mint, maxt: maxt) }
        return result.sorted { $0.labels < $1.labels }
    }
}
