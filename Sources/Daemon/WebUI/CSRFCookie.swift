import Foundation
import HTTPTypes
import Hummingbird

/// Cross-site request forgery protection for the pages' forms, the double-submit way: a
/// random token in a `SameSite=Strict`, `HttpOnly` cookie, and the same token in each form's
/// hidden field. A POST is honoured only when both are present and equal, and when its
/// `Origin` (if the browser sent one) is this server. Another site can make a browser send
/// the cookie, but it can neither read it nor guess it to put in the form. No server state:
/// a restart does not invalidate open pages' forms.
enum CSRFCookie {
    static let cookie = "binwatch_csrf"
    static let field = "csrf_token"

    /// The request's token when it carries a well-formed one, else a new one the response
    /// must set (`setCookie`).
    static func token(of request: Request) -> (token: String, isNew: Bool) {
        if let existing = cookieValue(request), isWellFormed(existing) { return (existing, false) }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }
            .map { String(repeating: "0", count: 16 - $0.count) + $0 }.joined()
        return (token, true)
    }

    /// The `Set-Cookie` value for `token`.
    static func setCookie(_ token: String) -> String {
        "\(cookie)=\(token); Path=/; HttpOnly; SameSite=Strict"
    }

    /// Whether a state-changing form may be honoured.
    static func accepts(_ request: Request, form: RequestParameters) -> Bool {
        if let origin = request.headers[.origin], !origin.isEmpty {
            // "http://host:port" must name the host the request was sent to.
            let host = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
            guard let host, host == request.head.authority else { return false }
        }
        guard let sent = cookieValue(request), isWellFormed(sent), let posted = form[field] else { return false }
        return constantTimeEqual(sent, posted)
    }

    private static func cookieValue(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookie {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    private static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
