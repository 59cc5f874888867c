public import HTTPClient

/// One HTTP request an integration makes, built before it is sent: what the payload tests
/// and the Alertmanager cross-checks compare. Its URL may hold a secret (VictorOps's API
/// key in the path, Telegram's bot token, Pushover's token in the query): never log it.
public struct IntegrationRequest: Sendable, Hashable {
    /// `POST`, or `PUT` for OpsGenie's updates.
    public var method: HTTPRequest.Method
    /// The full URL.
    public var url: String
    /// The `Content-Type`.
    public var contentType: String
    /// The body, with Go's `json.Encoder` trailing newline where Alertmanager sends one.
    public var body: String

    /// Creates a request.
    public init(method: HTTPRequest.Method = .post, url: String, contentType: String = "application/json", body: String) {
        self.method = method
        self.url = url
        self.contentType = contentType
        self.body = body
    }
}

extension JSONPoster {
    /// Sends one prepared request; any secret in `secrets` is cut from the error, should a
    /// receiver echo it in a response body.
    @discardableResult
    func send(
        _ request: IntegrationRequest, headers: [(name: String, value: String)] = [], secrets: [String] = []
    ) async throws(NotifyError) -> HTTPResponse {
        do {
            return try await send(
                request.method, request.body, to: request.url, contentType: request.contentType, headers: headers)
        } catch {
            var scrubbed = error
            for secret in secrets { scrubbed.message = scrubbed.message.replacingAll(secret, with: "<secret>") }
            throw scrubbed
        }
    }
}
