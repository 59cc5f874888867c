#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ConfigYAML
import Foundation
import Rules

/// `templates:`, Alertmanager's list of template file globs: relative patterns resolve
/// against the config file's folder, each match is parsed (in glob order, after
/// `default.tmpl`) into the set field templates use. A glob matching nothing is not an
/// error, as in Alertmanager (files may appear later).
enum TemplateFiles {
    /// Decodes the list and builds the template set; problems go to the node's diagnostics.
    /// Template files are read here, at check time too, as amtool reads them.
    static func decode(_ node: ConfigNode?) -> NotificationTemplates {
        guard let node, let patterns = node.sequence(expected: "a list of template file globs"), !patterns.isEmpty else {
            return .defaults
        }
        let folder = directory(of: node.file)
        var files: [(name: String, text: String)] = []
        for patternNode in patterns {
            guard let pattern = patternNode.string(expected: "a template file glob") else { continue }
            let resolved = pattern.hasPrefix("/") ? pattern : folder + "/" + pattern
            for match in glob(resolved) {
                guard let text = try? String(contentsOfFile: match, encoding: .utf8) else {
                    patternNode.fail(expected: "readable template files", found: "\"\(match)\", which cannot be read")
                    continue
                }
                files.append((baseName(match), text))
            }
        }
        do {
            return try NotificationTemplates(files: files)
        } catch {
            node.fail(expected: "valid template files", found: error.message)
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

extension NotificationTemplates {
    /// Alertmanager's `template.FromGlobs`, as `amtool template render` builds its set:
    /// `default.tmpl`, then every file each glob matches (in pattern order, matches sorted),
    /// relative patterns against the working directory; a glob matching nothing adds nothing.
    /// - Throws: `TemplateRenderError` with Go's parse error of the first bad file, or the
    ///   path of a file that cannot be read.
    public static func fromGlobs(_ patterns: [String]) throws(TemplateRenderError) -> NotificationTemplates {
        var files: [(name: String, text: String)] = []
        for pattern in patterns {
            for match in TemplateFiles.glob(pattern) {
                guard let text = try? String(contentsOfFile: match, encoding: .utf8) else {
                    throw TemplateRenderError(message: "open \(match): cannot read the template file")
                }
                files.append((TemplateFiles.baseName(match), text))
            }
        }
        do {
            return try NotificationTemplates(files: files)
        } catch {
            throw TemplateRenderError(message: error.message)
        }
    }
}
