public import HTTPClient
import Model

/// Posts a JSON body once and maps the outcome through the shared `RetryPolicy`.
struct JSONPoster: Sendable {
    let transport: any HTTPTransport
    let policy: RetryPolicy
    let http: HTTPConfig
    /// Where oauth2 tokens are kept between sends (nil: no oauth2 possible, e.g. forwarding).
    var tokens: OAuth2Tokens? = nil
    /// The whole request's bound, connection included (a token request too): the delivery's
    /// `NotificationDeadline` unless given (forwarding uses `alertmanagers[].timeout`).
    var timeout: Duration = NotificationDeadline.attemptTimeout

    /// One attempt; retries are the delivery loop's job.
    func post(_ body: String, to url: String, userAgent: String = "binwatch") async throws(NotifyError) {
        try await send(.post, body, to: url, userAgent: userAgent)
    }

    /// One request of any method and content type (OpsGenie's PUTs, Pushover's empty
    /// `text/plain` POST); `headers` are added after http_config's, so an integration's own
    /// `Authorization` (OpsGenie's `GenieKey`) is the one sent, as Alertmanager sets it last.
    /// - Returns: the 2xx response (Telegram reads its `ok` flag).
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ body: String, to url: String, contentType: String = "application/json",
        headers: [(name: String, value: String)] = [], userAgent: String = "binwatch"
    ) async throws(NotifyError) -> HTTPResponse {
        var request = HTTPRequest(
            method: method, url: url,
            headers: ["Content-Type": contentType, "User-Agent": userAgent],
            body: Array(body.utf8), connectTimeout: timeout, timeout: timeout,
            followRedirects: http.followRedirects)
        http.apply(to: &request)
        if let oauth2 = http.oauth2, let tokens {
            let header = try await tokens.authorization(oauth2, transport: transport, timeout: timeout)
            request.headers.add(name: "Authorization", value: header.reveal())
        }
        for header in headers { request.headers.set(name: header.name, value: header.value) }
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw policy.error(from: error)
        }
        if let failure = policy.check(response, for: request) { throw failure }
        return response
    }
}

/// What every integration needs besides its own config.
public struct IntegrationContext: Sendable {
    /// The receiver's name.
    public var receiver: String
    /// The link base for title links and `externalURL`.
    public var externalURL: String
    /// Sends HTTP requests.
    public var transport: any HTTPTransport
    /// Status and error classification.
    public var policy: RetryPolicy
    /// Renders the default and custom field templates (the config's template set).
    public var renderer: any NotificationTemplateRenderer
    /// oauth2 access tokens of this context's integrations.
    public var tokens = OAuth2Tokens()

    /// Creates a context.
    public init(
        receiver: String, externalURL: String, transport: any HTTPTransport, policy: RetryPolicy = RetryPolicy(),
        renderer: any NotificationTemplateRenderer = NotificationTemplates.defaults
    ) {
        self.receiver = receiver
        self.externalURL = externalURL
        self.transport = transport
        self.policy = policy
        self.renderer = renderer
    }

    /// Template data for already-normalised alerts (`endsAt` set only when resolved).
    func data(_ alerts: [Alert], group: GroupKey) -> TemplateData {
        TemplateData(
            receiver: receiver, groupLabels: group.groupLabels, alerts: alerts, externalURL: externalURL,
            now: Timestamp(milliseconds: .max))
    }
}

/// Go's `notify.TruncateInRunes`: at most `n` Unicode scalars, the last replaced by `…`.
func truncateInRunes(_ text: String, _ n: Int) -> (String, Bool) {
    let scalars = Array(text.unicodeScalars)
    if scalars.count <= n { return (text, false) }
    var out = String.UnicodeScalarView()
    if n <= 3 {
        out.append(contentsOf: scalars[..<n])
        return (String(out), true)
    }
    out.append(contentsOf: scalars[..<(n - 1)])
    return (String(out) + "…", true)
}
