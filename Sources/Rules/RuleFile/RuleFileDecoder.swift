import ConfigYAML
import Model
import PromQL
import Yams

/// Decodes and validates rule files the way `promtool check rules` does (`rulefmt.Parse`):
/// strict YAML (unknown keys are errors), then every semantic check, collecting all errors.
/// Pure: the caller reads the file and passes its text.
public struct RuleFileDecoder: Sendable {
    /// Which Prometheus the checks follow where versions differ.
    public enum Compatibility: Sendable {
        /// Prometheus 3.x (default): UTF-8 metric/label names, group `labels` and `query_offset`.
        case prometheus3
        /// Prometheus 2.42 (the Debian promtool): legacy names; no group `labels`/`query_offset`.
        case prometheus2_42
    }

    /// Checks one PromQL expression; returns the parser's message (`1:7: parse error: …`) or nil.
    public typealias ExpressionCheck = @Sendable (String) -> String?

    public var compatibility: Compatibility
    /// `--ignore-unknown-fields`.
    public var ignoreUnknownFields: Bool
    public var checkExpression: ExpressionCheck

    /// - Parameters:
    ///   - checkExpression: defaults to the PromQL parser with Prometheus's default options.
    public init(
        compatibility: Compatibility = .prometheus3, ignoreUnknownFields: Bool = false,
        checkExpression: ExpressionCheck? = nil
    ) {
        self.compatibility = compatibility
        self.ignoreUnknownFields = ignoreUnknownFields
        self.checkExpression = checkExpression ?? { expr in
            do {
                _ = try Parser.parseExpr(expr)
                return nil
            } catch {
                return "\(error)"
            }
        }
    }

    /// Decodes and validates `text` read from `path`.
    /// - Returns: the file and its `duplicate-rules` lint findings (not errors: promtool exits 0 on them).
    /// - Throws: `RuleFileErrors` with every error, each naming the file, position, group and rule.
    public func decode(_ text: String, path: String) throws(RuleFileErrors) -> RuleFile {
        let root: Node?
        let ignoredDocuments: Int
        do {
            // rulefmt decodes only the first document (yaml.v3's Decoder.Decode, then Unmarshal).
            (root, ignoredDocuments) = try YAMLDocuments.first(text)
        } catch {
            let message = Self.yamlSyntaxMessage(error)
            // rulefmt decodes twice (values, then nodes) and reports the syntax error from both.
            throw RuleFileErrors([RuleFileError(file: path, message: message), RuleFileError(file: path, message: message)])
        }
        var strict = YAMLShape(nodeTypes: false, compatibility: compatibility, ignoreUnknownFields: ignoreUnknownFields)
        let file: RuleFile
        do {
            file = RuleFile(path: path, groups: try strict.decodeRoot(root), ignoredDocuments: ignoredDocuments)
        } catch {
            throw RuleFileErrors([RuleFileError(file: path, message: error.message)])
        }
        var errors: [RuleFileError] = []
        if !strict.typeErrors.isEmpty {
            errors.append(RuleFileError(file: path, message: "yaml: unmarshal errors:\n  " + strict.typeErrors.joined(separator: "\n  ")))
        }
        var nodes = YAMLShape(nodeTypes: true, compatibility: compatibility, ignoreUnknownFields: true)
        _ = try? nodes.decodeRoot(root)
        if !nodes.typeErrors.isEmpty {
            errors.append(RuleFileError(file: path, message: "yaml: unmarshal errors:\n  " + nodes.typeErrors.joined(separator: "\n  ")))
        }
        if !errors.isEmpty { throw RuleFileErrors(errors) }
        let problems = validate(file)
        if !problems.isEmpty { throw RuleFileErrors(problems) }
        return file
    }

    static func yamlSyntaxMessage(_ error: YAMLSyntaxError) -> String {
        guard let yamlError = error.yamlError else { return "yaml: \(error.problem)" }
        func goLine(_ context: YamlError.Context?, _ mark: Mark, scanner: Bool) -> String {
            // go-yaml prints libyaml's 0-based context line if non-zero, else the problem line,
            // adding one only for scanner errors; line 0 is not printed at all.
            let contextLine = (context?.mark.line ?? 1) - 1
            let problemLine = mark.line - 1
            let line = contextLine != 0 ? contextLine : problemLine
            guard line != 0 else { return "" }
            return "line \(line + (scanner ? 1 : 0)): "
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _):
            return "yaml: " + goLine(context, mark, scanner: true) + problem
        case .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            return "yaml: " + goLine(context, mark, scanner: false) + problem
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "yaml: unmarshal errors:\n" + duplicates.map {
                "  line \(context.mark.line): mapping key \(GoPrintf.goQuote($0)) already defined"
            }.joined(separator: "\n")
        case .reader(let problem, _, _, _):
            return "yaml: \(problem)"
        default:
            return "yaml: \(yamlError)"
        }
    }
}
