import Foundation

/// The process's own memory figures from /proc/self/status, for the benchmark and soak
/// harnesses that watch the daemon's RSS (Linux only; 0 elsewhere or when unreadable).
public enum ProcessStatus {
    /// A `kB` field of /proc/self/status: `VmRSS` (resident now), `VmHWM` (peak resident).
    public static func kilobytes(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}
