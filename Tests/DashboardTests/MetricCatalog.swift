import Foundation
import Model
import PromQL
import Yams

/// The repository's deployable artifacts as the tests read them: rule files, the
/// dashboard and the list of metric names binwatch exports.
enum Repo {
    /// The package root, found from this file's path (Tests/DashboardTests/<file>).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    /// Files in `directory` (relative to the root) with the given extension, sorted.
    static func files(in directory: String, extension ext: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: url(directory), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == ext }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

/// A Prometheus rule file, only the fields these tests look at (promtool and binwatch
/// validate the whole format).
struct RuleFile: Decodable {
    struct Group: Decodable {
        var name: String
        var rules: [Rule]
    }
    struct Rule: Decodable {
        var record: String?
        var alert: String?
        var expr: String
        var `for`: String?
        var labels: [String: String]?
        var annotations: [String: String]?
    }
    var groups: [Group]

    /// Every rules/*.yml with its file name.
    static func all() throws -> [(file: String, rules: RuleFile)] {
        try Repo.files(in: "rules", extension: "yml").map { url in
            (url.lastPathComponent, try YAMLDecoder().decode(RuleFile.self, from: String(contentsOf: url, encoding: .utf8)))
        }
    }
}

/// Metric names binwatch produces: dashboards/exported-metrics.txt plus every
/// recording rule's name.
struct MetricCatalog {
    var exported: Set<String>
    var recorded: Set<String>
    var allowed: Set<String> { exported.union(recorded) }

    /// Parses the list file: one name a line, `#` comments, blank lines ignored.
    /// - Throws: `CatalogError` naming the line of an invalid metric name.
    static func parseList(_ text: String) throws -> Set<String> {
        var names = Set<String>()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if line.isEmpty { continue }
            guard MetricNames.isValidMetricName(line) else {
                throw CatalogError(message: "exported-metrics.txt:\(index + 1): not a metric name: \"\(line)\"")
            }
            names.insert(line)
        }
        return names
    }

    static func load() throws -> MetricCatalog {
        let exported = try parseList(Repo.text("dashboards/exported-metrics.txt"))
        let recorded = Set(try RuleFile.all().flatMap { $0.rules.groups.flatMap { $0.rules.compactMap(\.record) } })
        return MetricCatalog(exported: exported, recorded: recorded)
    }
}

struct CatalogError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The metric names an expression selects, or an error for a selector whose name is
/// not a plain `name` / `__name__="name"` (a regex over names cannot be checked).
func metricNames(in expr: Expr) throws -> [String] {
    var names: [String] = []
    var problems: [String] = []
    expr.forEachNode { node in
        guard case .vectorSelector(let selector) = node else { return }
        if !selector.name.isEmpty {
            names.append(selector.name)
        } else if let matcher = selector.matchers.first(where: { $0.name == "__name__" }), matcher.kind == .equal {
            names.append(matcher.value)
        } else {
            problems.append("selector without a fixed metric name: \(selector.matchers.map(\.description))")
        }
    }
    if !problems.isEmpty { throw CatalogError(message: problems.joined(separator: "; ")) }
    return names
}

/// Grafana's built-in interval variables replaced by a duration, so the expression is
/// plain PromQL (`[$__rate_interval]` is not).
func substitutingGrafanaVariables(_ expr: String) -> String {
    var result = expr
    for variable in ["__rate_interval", "__interval", "__range"] {
        result = result.replacingOccurrences(of: "${\(variable)}", with: "5m")
        result = result.replacingOccurrences(of: "$\(variable)", with: "5m")
    }
    return result
}
