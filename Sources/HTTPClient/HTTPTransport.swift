/// Something that sends one HTTP request and returns the complete response.
///
/// Notify and the scrape source depend on this seam; `CurlHTTPClient` implements it
/// with libcurl and tests may record calls instead. Any status is a response, not an
/// error; errors are transport failures (`HTTPClientError`).
public protocol HTTPTransport: Sendable {
    /// Sends `request` and waits for the whole response, never blocking the caller's
    /// executor. Cancelling the calling task aborts the transfer.
    /// - Throws: `HTTPClientError` when no response arrived in time or at all.
    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse
}
