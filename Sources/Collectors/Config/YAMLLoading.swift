import Model
import Yams

/// Parses YAML text into a root `ConfigNode`, turning Yams' errors into `ConfigError`s
/// with the position libyaml reports. The YAML text itself is never echoed (Yams' own
/// descriptions quote it, and a config may hold secrets).
enum YAMLLoading {
    static func root(of text: String, file: String, diagnostics: ConfigDiagnostics) -> ConfigNode? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.report(ConfigError(
                    location: SourceLocation(file: file, line: 1, column: 1), keyPath: "",
                    expected: "a YAML mapping", found: "an empty document"))
                return nil
            }
            return ConfigNode(node: node, file: file, keyPath: "", diagnostics: diagnostics)
        } catch let error as YamlError {
            diagnostics.report(configError(error, file: file))
            return nil
        } catch {
            diagnostics.report(ConfigError(
                location: SourceLocation(file: file, line: 0, column: 0), keyPath: "",
                expected: "valid YAML", found: "an unreadable document"))
            return nil
        }
    }

    private static func configError(_ error: YamlError, file: String) -> ConfigError {
        func at(_ mark: Mark, _ problem: String) -> ConfigError {
            ConfigError(location: SourceLocation(file: file, line: mark.line, column: mark.column),
                        keyPath: "", expected: "valid YAML", found: problem)
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return at(mark, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(
                location: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                keyPath: "", expected: "each key once per mapping",
                found: "duplicate key " + duplicates.map { "\"\($0)\"" }.joined(separator: ", "))
        case .reader(let problem, _, _, _):
            return ConfigError(location: SourceLocation(file: file, line: 0, column: 0), keyPath: "",
                               expected: "UTF-8 YAML", found: problem)
        default:
            return ConfigError(location: SourceLocation(file: file, line: 0, column: 0), keyPath: "",
                               expected: "valid YAML", found: "a document libyaml rejected")
        }
    }
}
