import Model
import PromQL

/// One test group's run: a fresh store and fresh rule groups, evaluated every
/// `evaluation_interval` from the start up to the last `eval_time`.
struct TestGroupRun {
    let test: RuleTestFile.TestGroup
    let file: RuleTestFile
    let order: [String: Int]
    let ignoreUnknownFields: Bool

    /// Input samples of one series still to be appended, oldest first.
    struct PendingSeries {
        var labels: Labels
        var timestamps: [Int64] = []
        var values: [Double] = []
        var next = 0
    }

    var evaluationInterval: PromDuration { file.evaluationInterval }
    var start: Timestamp { test.startTimestamp ?? Timestamp(milliseconds: 0) }

    func run(ruleFiles: [RuleTestRunner.RuleFileInput]) -> [String] {
        var pending: [PendingSeries]
        switch inputSeries() {
        case .success(let series): pending = series
        case .failure(let error): return [error.message]
        }
        var groups: [RuleGroup]
        switch loadGroups(ruleFiles) {
        case .success(let loaded): groups = loaded
        case .failure(let error): return error.errors.map(\.description)
        }
        for alertTest in test.alertRuleTests where alertTest.alertname.isEmpty {
            let suffix = test.name.isEmpty ? "" : " (in TestGroup \(test.name))"
            return ["an item under alert_rule_test misses required attribute alertname at eval_time \(alertTest.evalTime)\(suffix)"]
        }
        let maxEval = (test.alertRuleTests.map(\.evalTime) + test.promqlExprTests.map(\.evalTime)).max() ?? .zero
        let maxt = start + maxEval
        let alertTimes = Set(test.alertRuleTests.map(\.evalTime)).sorted()
        let engine = Engine(
            lookbackDelta: 300_000, subqueryDefaultStep: evaluationInterval.milliseconds, maxSamples: Self.maxSamples)

        var store = SeriesStore()
        var errors: [String] = []
        var current = 0
        var ts = start
        while ts <= maxt {
            Self.append(&pending, through: ts.milliseconds, to: &store)
            var evalErrors: [String] = []
            for index in groups.indices {
                let evaluation = groups[index].evaluate(at: ts, store: &store, engine: engine)
                for failure in evaluation.failures {
                    evalErrors.append(
                        "    rule: \(failure.rule), time: \(RuleTestFormat.goDuration(milliseconds: ts.milliseconds)), err: \(failure.error)")
                }
            }
            // A rule that cannot be evaluated ends the test group (earlier failures are kept).
            if !evalErrors.isEmpty { return errors + evalErrors }
            // Alerts asked for at T are checked after the last evaluation at or before T.
            while current < alertTimes.count, ts - start <= alertTimes[current],
                alertTimes[current] < (ts + evaluationInterval) - start
            {
                errors += checkAlerts(at: alertTimes[current], groups: groups)
                current += 1
            }
            ts = ts + evaluationInterval
        }
        for exprTest in test.promqlExprTests {
            errors += checkExpression(exprTest, store: store, engine: engine)
        }
        return errors
    }

    /// promtool's query engine limit (`LazyLoader`: `MaxSamples: 10000`).
    static let maxSamples = 10_000

    /// Parses `input_series` and lays their values out every `interval` from the start.
    func inputSeries() -> Result<[PendingSeries], RuleTestFileError> {
        let interval = (test.interval ?? evaluationInterval).milliseconds
        var out: [PendingSeries] = []
        for input in test.inputSeries {
            let description: SeriesDescription
            do {
                description = try SeriesNotation.parseSeries(input.series + " " + input.values)
            } catch {
                return .failure(RuleTestFileError("\(error)"))
            }
            var series = PendingSeries(labels: description.labels)
            for (index, value) in description.values.enumerated() {
                let t = start.milliseconds + Int64(index) * interval
                switch value {
                case .value(let v):
                    series.timestamps.append(t)
                    series.values.append(v)
                case .stale:
                    series.timestamps.append(t)
                    series.values.append(StaleNaN.value)
                case .omitted:
                    continue
                }
            }
            out.append(series)
        }
        return .success(out)
    }

    /// Appends every pending sample with a timestamp up to `ts` (`LazyLoader.appendTill`).
    static func append(_ pending: inout [PendingSeries], through ts: Int64, to store: inout SeriesStore) {
        for index in pending.indices {
            var next = pending[index].next
            let labels = pending[index].labels
            while next < pending[index].timestamps.count, pending[index].timestamps[next] <= ts {
                // Input series are appended in time order; the only refusals are repeated
                // series lines, which the TSDB also drops.
                try? store.append(labels, timestamp: Timestamp(milliseconds: pending[index].timestamps[next]),
                                  value: pending[index].values[next])
                next += 1
            }
            pending[index].next = next
        }
    }

    /// Decodes the rule files (the first failing file's errors end the test group, as
    /// `Manager.LoadGroups`) and orders the groups by `group_eval_order`.
    func loadGroups(_ ruleFiles: [RuleTestRunner.RuleFileInput]) -> Result<[RuleGroup], RuleFileErrors> {
        let decoder = RuleFileDecoder(compatibility: .prometheus3, ignoreUnknownFields: ignoreUnknownFields)
        let interval = test.interval ?? evaluationInterval
        var groups: [RuleGroup] = []
        for input in ruleFiles {
            let text: String
            switch input.text {
            case .success(let read): text = read
            case .failure(let error): return .failure(error)
            }
            let ruleFile: RuleFile
            do {
                ruleFile = try decoder.decode(text, path: input.path)
            } catch {
                return .failure(error)
            }
            for group in ruleFile.groups {
                groups.append(RuleGroup(
                    group, file: input.path, defaultInterval: interval, externalLabels: test.externalLabels,
                    externalURL: test.externalURL))
            }
        }
        // Unlisted groups get index 0, like the first listed one (promtool's partial order;
        // its map iteration leaves their relative order random, ours keeps file order).
        let indexed = groups.enumerated().map { (key: order[$0.element.name] ?? 0, position: $0.offset, group: $0.element) }
        return .success(indexed.sorted { ($0.key, $0.position) < ($1.key, $1.position) }.map(\.group))
    }
}
