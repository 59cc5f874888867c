/// A complete HTTP response: whatever the status, a response is not an error;
/// callers decide (Notify retries 5xx and 429, scrape treats non-2xx as `up 0`).
public struct HTTPResponse: Sendable {
    /// The status code of the final response (after any followed redirects).
    public var status: Int
    /// The header fields of the final response, in order.
    public var headers: HTTPHeaders
    /// The response body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body decoded as UTF-8 (invalid sequences replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// `Retry-After` in its delay-seconds form (`Retry-After: 120`), or nil when absent
    /// or given as an HTTP-date (read `headers["Retry-After"]` for that form; turning
    /// a date into a delay needs the caller's clock).
    public var retryAfterSeconds: Int? {
        guard let raw = headers["Retry-After"]?.trimmingSpaces, !raw.isEmpty,
              raw.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(raw)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    var trimmingSpaces: String {
        // "\r\n" is one Character (a grapheme cluster), so it is listed on its own.
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
