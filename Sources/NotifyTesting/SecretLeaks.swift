import Foundation

/// Alertmanager's `AssertNotifyLeaksNoSecret`, as a pure check: which of `secrets`
/// (or their URL paths) occur in `text`. Tests expect the result to be empty.
public func leakedSecrets(in text: String, secrets: [String]) -> [String] {
    var found: [String] = []
    for secret in secrets where !secret.isEmpty {
        if text.contains(secret) { found.append(secret); continue }
        // A webhook URL's path carries its token; the origin alone is no secret.
        if let range = secret.range(of: "://"), let slash = secret[range.upperBound...].firstIndex(of: "/") {
            let path = String(secret[slash...])
            if path.count > 1 && text.contains(path) { found.append(path) }
        }
    }
    return found
}

/// The shared status → retry table every integration must follow (`notify/test`'s
/// `RetryTests`, with binwatch's deliberate 429 change).
public enum RetryCodeTable {
    /// `(status, retryable)` for representative codes.
    public static let cases: [(status: Int, retryable: Bool)] = [
        (200, false), (202, false), (204, false),
        (400, false), (401, false), (403, false), (404, false), (410, false), (413, false), (422, false),
        (429, true),
        (500, true), (502, true), (503, true), (504, true),
    ]
}
