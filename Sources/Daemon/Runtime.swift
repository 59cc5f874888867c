import Collectors
public import Model
import PromQL
import Rules

/// Everything built from one loaded config: runnable rule groups, sources, health checks,
/// parsed expressions and the retention they need. A reload builds a new one and swaps it
/// in only when the whole build succeeded.
struct Runtime: Sendable {
    struct ScheduledGroup: Sendable {
        /// `file;name`, Prometheus's group key.
        var key: String
        /// The group; its slots come from Rules' `RuleGroup+Schedule` (Prometheus's per-group offset).
        var group: RuleGroup
        var nextEvaluation: Timestamp?
        var evaluations = 0
        var failures = 0
        var missed = 0
        var lastDurationSeconds = 0.0
        var lastEvaluation: Timestamp?
        /// What the last evaluation wrote (no staleness markers): the textfile's view.
        var lastOutput: [RuleSample] = []
        /// The last evaluation's error per rule name (absent = ok).
        var lastErrors: [String: String] = [:]
        /// Each rule's last evaluation (by rule index; nil before its first).
        var ruleEvaluations: [RuleEvaluation?] = []
    }

    var loaded: LoadedConfig
    var groups: [ScheduledGroup]
    var sources: [any Source]
    /// The sources this runtime built from its config (not the embedder's extra ones): a
    /// reload that replaces the runtime closes them.
    var ownedSources: [any Source]
    var healthChecks: [HealthCheck]
    /// Rule and health expressions parsed once (templates' `query` calls parse on the fly).
    var expressions: [String: Expr]
    /// How long samples are kept: the longest range any expression reads, plus lookback.
    var retention: PromDuration

    var config: BinwatchConfig { loaded.config }

    static let lookback = PromDuration(milliseconds: 300_000)

    /// Builds the runtime; `extraSources` are added to the configured ones (tests, embedders).
    static func build(_ loaded: LoadedConfig, extraSources: [any Source] = []) -> Runtime {
        let config = loaded.config
        var groups: [ScheduledGroup] = []
        var expressions: [String: Expr] = [:]
        var longest = PromDuration.zero
        for file in loaded.ruleFiles {
            for decoded in file.groups {
                let group = RuleGroup(
                    decoded, file: file.path, defaultInterval: config.global.evaluationInterval,
                    externalLabels: config.global.externalLabels, externalURL: config.global.externalURL)
                for rule in decoded.rules {
                    guard let text = rule.expr?.value, let expr = try? Parser.parseExpr(text) else { continue }
                    expressions[text] = expr
                    longest = max(longest, Self.longestRange(expr) + group.queryOffset)
                }
                groups.append(ScheduledGroup(key: "\(file.path);\(decoded.name)", group: group))
            }
        }
        for check in config.healthChecks {
            expressions[check.exprText] = check.expr
            longest = max(longest, Self.longestRange(check.expr))
        }
        var owned: [any Source] = loaded.collectorSources
        owned += config.sources.textfiles.map { TextfileSource(name: $0.name, path: $0.path) }
        return Runtime(
            loaded: loaded, groups: groups, sources: owned + extraSources, ownedSources: owned, healthChecks: config.healthChecks.map(HealthCheck.init),
            expressions: expressions, retention: longest + lookback + config.global.evaluationInterval)
    }

    /// The furthest back an expression reads relative to its evaluation time: range plus
    /// offset of every range selector and subquery, nested subqueries added up.
    static func longestRange(_ expr: Expr) -> PromDuration {
        func walk(_ expr: Expr) -> Int64 {
            switch expr {
            case .vectorSelector(let selector):
                return max(0, selector.originalOffset)
            case .matrixSelector(let matrix):
                return matrix.range + max(0, matrix.vectorSelector.originalOffset)
            case .subquery(let subquery):
                return subquery.range + max(0, subquery.originalOffset) + walk(subquery.expr)
            default:
                return expr.children.map(walk).max() ?? 0
            }
        }
        return PromDuration(milliseconds: walk(expr))
    }
}

extension PromDuration {
    static func + (lhs: PromDuration, rhs: PromDuration) -> PromDuration {
        PromDuration(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }
}
