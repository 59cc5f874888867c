import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shell-style globbing (`rules/*.yml`) through glob(3), relative paths resolved against
/// a base folder; matches come back sorted, as Go's `filepath.Glob` returns them.
enum FileGlob {
    static func hasMagic(_ pattern: String) -> Bool { pattern.contains { "*?[".contains($0) } }

    static func expand(_ pattern: String, relativeTo base: String) -> [String] {
        let full = pattern.hasPrefix("/") ? pattern : (base as NSString).appendingPathComponent(pattern)
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(full, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let cString = result.gl_pathv[index] { paths.append(String(cString: cString)) }
        }
        return paths.sorted()
    }
}
