import Model
import PromQL

/// `/api/v1/labels`, `/api/v1/label/<name>/values` and `/api/v1/series` (what Grafana's
/// query editor and variables call), with Prometheus 2.42's parameters, answers and errors
/// (`web/api/v1/api.go`), over the store of the last cycle.
enum SeriesIndexAPI {
    /// `/api/v1/labels`: sorted label names of the series in the window.
    static func labelNames(_ params: RequestParameters, store: SeriesStore) -> (Int, String) {
        switch window(params) {
        case .failure(let refusal): return badData(refusal.message)
        case .success(let (mint, maxt)):
            switch selectors(params.all("match[]")) {
            case .failure(let refusal): return badData(refusal.message)
            case .success(let selectors):
                return ok(strings(store.labelNames(matching: selectors, mint: mint, maxt: maxt)))
            }
        }
    }

    /// `/api/v1/label/<name>/values`: sorted values of one label.
    static func labelValues(_ name: String, _ params: RequestParameters, store: SeriesStore) -> (Int, String) {
        guard MetricNames.isValidLabelName(name) else { return badData("invalid label name: \(GoQuote.quote(name))") }
        switch window(params) {
        case .failure(let refusal): return badData(refusal.message)
        case .success(let (mint, maxt)):
            switch selectors(params.all("match[]")) {
            case .failure(let refusal): return badData(refusal.message)
            case .success(let selectors):
                return ok(strings(store.labelValues(name, matching: selectors, mint: mint, maxt: maxt)))
            }
        }
    }

    /// `/api/v1/series`: the label sets of the series matching any `match[]`.
    static func series(_ params: RequestParameters, store: SeriesStore) -> (Int, String) {
        let matches = params.all("match[]")
        guard !matches.isEmpty else { return badData("no match[] parameter provided") }
        switch window(params) {
        case .failure(let refusal): return badData(refusal.message)
        case .success(let (mint, maxt)):
            switch selectors(matches) {
            case .failure(let refusal): return badData("invalid parameter \"match[]\": \(refusal.message)")
            case .success(let selectors):
                let sets = store.seriesLabels(matching: selectors, mint: mint, maxt: maxt)
                return ok("[" + sets.map(APIJSON.labels).joined(separator: ",") + "]")
            }
        }
    }

    /// `start` and `end`, each the whole time range when absent (`parseTimeParam`).
    static func window(_ params: RequestParameters) -> Result<(Timestamp, Timestamp), QueryAPI.Refusal> {
        var bounds = [Timestamp(milliseconds: .min), Timestamp(milliseconds: .max)]
        for (index, name) in ["start", "end"].enumerated() {
            guard let text = params[name], !text.isEmpty else { continue }
            guard let time = QueryAPI.parseTime(text) else {
                return .failure(.init(message:
                    "invalid parameter \(GoQuote.quote(name)): Invalid time value for '\(name)': cannot parse \(GoQuote.quote(text)) to a valid timestamp"))
            }
            bounds[index] = time
        }
        return .success((bounds[0], bounds[1]))
    }

    /// Each `match[]` as a selector; one whose every matcher matches the empty string would
    /// select every series, and Prometheus refuses it (`parseMatchersParam`).
    static func selectors(_ texts: [String]) -> Result<[[Matcher]], QueryAPI.Refusal> {
        var sets: [[Matcher]] = []
        for text in texts {
            do {
                sets.append(try Parser.parseMetricSelector(text))
            } catch {
                return .failure(.init(message: "\(error)"))
            }
        }
        for set in sets where set.allSatisfy({ $0.matches("") }) {
            return .failure(.init(message: "match[] must contain at least one non-empty matcher"))
        }
        return .success(sets)
    }

    static func strings(_ values: [String]) -> String {
        "[" + values.map(APIJSON.quote).joined(separator: ",") + "]"
    }

    static func ok(_ data: String) -> (Int, String) { (200, APIJSON.success(data)) }

    static func badData(_ message: String) -> (Int, String) { (400, APIJSON.error("bad_data", message)) }
}
