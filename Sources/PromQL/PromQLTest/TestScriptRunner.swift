public import Model

/// Executes a parsed promqltest script against a fresh `SeriesStore`, checking each
/// `eval` as Prometheus's `promqltest` does: the instant query itself, the same query
/// with `@ t` added to every selector and subquery at five other times (unless the
/// expression depends on the evaluation time), and a ±1m range query whose point at t
/// must match; range `eval`s run once. Floats compare with `almostEqual(…, 1e-6)`.
public struct TestScriptRunner: Sendable {
    /// The engine the corpus uses: 5m lookback, 1m default subquery step.
    public var engine: Engine
    /// What to do with `expect warn|info|no_warn|no_info` (and `eval_warn`/`eval_info`).
    public var annotationMode: AnnotationMode

    /// How the runner treats annotation expectations.
    public enum AnnotationMode: Sendable, Hashable {
        /// As promqltest (strict): the warnings and infos a query returns must match.
        case check
        /// Check only results; annotation expectations are ignored.
        case ignore
        /// Skip evals that expect a warning or info (what binwatch did before it had annotations).
        case skip
    }

    /// Kept for callers of the first API: true skips evals that expect warnings or infos,
    /// false checks only their results. `annotationMode` says more.
    public var skipAnnotationExpectations: Bool {
        get { annotationMode == .skip }
        set { annotationMode = newValue ? .skip : .ignore }
    }

    public init(engine: Engine = Engine(maxSamples: 50_000_000), skipAnnotationExpectations: Bool = true) {
        self.engine = engine
        self.engine.histogramPlaceholders = true
        self.annotationMode = skipAnnotationExpectations ? .skip : .ignore
    }

    /// A runner that treats annotations as `annotations` says (`.check` is promqltest's way).
    public init(engine: Engine = Engine(maxSamples: 50_000_000), annotations: AnnotationMode) {
        self.engine = engine
        // The runner loads `{{...}}` samples as placeholders; the engine must know them.
        self.engine.histogramPlaceholders = true
        self.annotationMode = annotations
    }

    /// The outcome of one `eval` command.
    public enum Outcome: Sendable, Equatable {
        case passed
        case failed(String)
        case skipped(String)
    }

    /// Per-eval outcomes (by line) and load errors of one script.
    public struct Report: Sendable {
        public var outcomes: [(line: Int, outcome: Outcome)] = []
        public var passed: Int { outcomes.filter { $0.outcome == .passed }.count }
        public var failed: Int { outcomes.filter { if case .failed = $0.outcome { true } else { false } }.count }
        public var skipped: Int { outcomes.filter { if case .skipped = $0.outcome { true } else { false } }.count }
    }

    /// Runs every command in order.
    /// - Parameter source: the script text; with it, series lines the reader left out
    ///   (native histograms) are named, and evals that could select them are skipped
    ///   instead of being compared against float-only data.
    public func run(_ script: TestScript, source: String? = nil) -> Report {
        var report = Report()
        var store = SeriesStore()
        var unloaded: [Labels] = []
        let lines = source.map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
        for command in script.commands {
            switch command {
            case .clear:
                store = SeriesStore()
                unloaded = []
            case .load(let load):
                if load.skipReason != nil {
                    unloaded += UnloadedSeries.labelSets(of: load, lines: lines)
                }
                if let error = Self.apply(load, to: &store) {
                    report.outcomes.append((load.line, .failed("load failed: \(error)")))
                }
            case .eval(let eval):
                var result = outcome(of: eval, store)
                // A float-only result that still matches upstream's expectation is a pass; a
                // mismatch on a query that selects left-out native histograms is out of scope.
                // (The failure is kept in the reason, so `--verbose` shows what was set aside.)
                if case .failed(let message) = result, UnloadedSeries.mightSelect(eval.expr, unloaded) {
                    result = .skipped("selects native histogram series, whose values binwatch does not hold (\(message))")
                }
                report.outcomes.append((eval.line, result))
            }
        }
        return report
    }

    /// Appends a load block: value i at `i * interval`, `stale` as a marker, `_` skipped.
    static func apply(_ load: LoadCommand, to store: inout SeriesStore) -> StorageError? {
        for series in load.series + load.histogramSeries {
            for (i, value) in series.values.enumerated() {
                let t = Timestamp(milliseconds: Int64(i) * load.interval)
                do {
                    switch value {
                    case .value(let v): try store.append(series.labels, timestamp: t, value: v)
                    case .stale: try store.append(series.labels, timestamp: t, value: StaleNaN.value)
                    case .omitted: continue
                    }
                } catch {
                    return error
                }
            }
        }
        return nil
    }

    func outcome(of eval: EvalCommand, _ store: SeriesStore) -> Outcome {
        if let reason = eval.skipReason { return .skipped(reason) }
        if annotationMode == .skip,
           eval.expectations.contains(where: { $0.kind == .warn || $0.kind == .info }) {
            return .skipped("expects PromQL annotations (warn/info), which binwatch does not produce")
        }
        do {
            switch eval.kind {
            case .range(let start, let end, let step):
                try check(eval, expr: eval.expr, text: eval.exprText, store) { expr in
                    let result = try engine.rangeQueryResult(
                        expr, start: Timestamp(milliseconds: start), end: Timestamp(milliseconds: end), step: step, on: store)
                    return QueryResult(value: .matrix(result.value), annotations: result.annotations)
                }
            case .instant(let at):
                try checkInstant(eval, at: at, store)
            }
            return .passed
        } catch let failure as CheckFailure {
            return .failed(failure.message)
        } catch {
            return .failed("\(error)")
        }
    }

    struct CheckFailure: Error {
        let message: String
    }

    func checkInstant(_ eval: EvalCommand, at t: Int64, _ store: SeriesStore) throws {
        var cases: [(Expr, String, Int64)] = [(eval.expr, eval.exprText, t)]
        if !AtModifierRewrite.usesTimeDependentFunction(eval.expr) {
            // Upstream prints the rewritten tree and parses it again, so annotation
            // positions refer to the printed text.
            let text = AtModifierRewrite.pin(eval.expr, at: t).description
            let pinned = (try? Parser.parseExpr(text, options: .promqlTest)) ?? AtModifierRewrite.pin(eval.expr, at: t)
            let times: [Int64] = t == 0 ? [-1000, 0, 1000] : [-10 * t, 0, t / 5, t, 10 * t]
            cases += times.map { (pinned, text, $0) }
        }
        let skipRangeMode = eval.expectedRangeVector != nil || eval.expectedString != nil
            || AtModifierRewrite.usesQueryContextFunction(eval.exprText)
        for (expr, text, time) in cases {
            let failed = try check(eval, expr: expr, text: text, store) { expr in
                try engine.instantQueryResult(expr, at: Timestamp(milliseconds: time), on: store)
            }
            if failed || skipRangeMode { continue }
            let matrix: Matrix
            do {
                matrix = try engine.rangeQuery(expr, start: Timestamp(milliseconds: time - 60_000),
                                               end: Timestamp(milliseconds: time + 60_000), step: 60_000, on: store)
            } catch {
                throw CheckFailure(message: "error evaluating query in range mode: \(error)")
            }
            if eval.ordered { continue }
            var vector: Vector = []
            for series in matrix {
                if let i = series.timestamps.firstIndex(of: time) {
                    vector.append(Sample(labels: series.labels, timestamp: time, value: series.values[i]))
                }
            }
            let value: Value = expr.type == .scalar
                ? .scalar(Scalar(timestamp: time, value: vector.first?.value ?? .nan)) : .vector(vector)
            if let problem = ResultComparison.compare(value, eval, ignoreOrder: true) {
                throw CheckFailure(message: "range mode: \(problem)")
            }
        }
    }

    /// Runs one query and compares; returns true when the query failed as expected.
    @discardableResult
    func check(
        _ eval: EvalCommand, expr: Expr, text: String, _ store: SeriesStore, _ query: (Expr) throws -> QueryResult<Value>
    ) throws -> Bool {
        let result: QueryResult<Value>
        do {
            result = try query(expr)
        } catch {
            let message = "\(error)"
            guard let expectation = eval.expectations.first(where: { $0.kind == .fail }) else {
                throw CheckFailure(message: "unexpected error: \(message)")
            }
            if let wanted = expectation.message, wanted.trimmingSpaces != message.trimmingSpaces {
                throw CheckFailure(message: "expected error \"\(wanted)\", got \"\(message)\"")
            }
            if let pattern = expectation.regex {
                let matches = (try? CompiledRegex(".*(?:\(pattern)).*"))?.matches(message) ?? false
                if !matches { throw CheckFailure(message: "error \"\(message)\" does not match /\(pattern)/") }
            }
            return true
        }
        if eval.expectsFailure { throw CheckFailure(message: "expected an error, got a result") }
        if annotationMode == .check, let problem = AnnotationCheck.problem(eval, result.annotations, query: text) {
            throw CheckFailure(message: problem)
        }
        if let problem = ResultComparison.compare(result.value, eval, ignoreOrder: false) {
            throw CheckFailure(message: problem)
        }
        return false
    }
}

extension String {
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
