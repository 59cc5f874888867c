#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Rules
import Yams

/// `templates:`, Alertmanager's list of template file globs: relative patterns resolve
/// against the config file's folder, each match is parsed (in glob order, after
/// `default.tmpl`) into the set field templates use. A glob matching nothing is not an
/// error, as in Alertmanager (files may appear later).
enum TemplateFiles {
    /// Decodes the list and builds the template set; problems go to `diagnostics`.
    static func decode(_ map: inout YAMLMap, configFile: String, _ diagnostics: NotifyDiagnostics) -> NotificationTemplates {
        guard let patterns = map.stringList("templates"), !patterns.isEmpty else { return .defaults }
        let node = map.value("templates")
        let folder = directory(of: configFile)
        var files: [(name: String, text: String)] = []
        for (index, pattern) in patterns.enumerated() {
            let path = "\(map.childPath("templates"))[\(index)]"
            let resolved = pattern.hasPrefix("/") ? pattern : folder + "/" + pattern
            for match in glob(resolved) {
                guard let text = diagnostics.readFile(match) else {
                    diagnostics.error(node, path, "cannot read template file \"\(match)\"")
                    continue
                }
                files.append((baseName(match), text))
            }
        }
        do {
            return try NotificationTemplates(files: files)
        } catch {
            diagnostics.error(node, map.childPath("templates"), "invalid template file: \(error.message)")
            return .defaults
        }
    }

    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `filepath.Glob`: the sorted matches, or none.
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] { paths.append(String(cString: p)) }
        }
        return paths
    }
}
