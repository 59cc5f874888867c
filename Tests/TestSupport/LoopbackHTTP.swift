public import Foundation
#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// One HTTP exchange with a server on loopback, on a URLSession of its own.
///
/// Not `URLSession.shared`: its connection pool is shared with every other test in the
/// process, and a request once waited its whole 60 s there while the others ran (not
/// reproduced alone). A session per exchange costs a millisecond and shares nothing.
public enum LoopbackHTTP {
    /// Sends `request` and returns the status (0 when the answer is not HTTP) and body.
    public static func send(_ request: URLRequest) async throws -> (status: Int, body: Data) {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// GETs `url`.
    /// - Throws: `ChildProcessError` for a malformed URL, or the transport's error.
    public static func get(_ url: String) async throws -> (status: Int, body: Data) {
        guard let parsed = URL(string: url) else { throw ChildProcessError(message: "not a URL: \(url)") }
        return try await send(URLRequest(url: parsed))
    }

    /// Whether `url` answers 200 now (a readiness probe: errors are a no).
    public static func isOK(_ url: String) async -> Bool {
        (try? await get(url))?.status == 200
    }
}
