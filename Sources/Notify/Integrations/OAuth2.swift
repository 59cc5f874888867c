import Foundation
public import HTTPClient
public import Model
import Synchronization

/// `http_config.oauth2`: the OAuth 2.0 client-credentials grant, as Go's
/// `clientcredentials` package (used by prometheus/common) does it.
public struct OAuth2Config: Sendable, Hashable {
    /// `client_id`.
    public var clientID: String
    /// `client_secret` / `client_secret_file`.
    public var clientSecret: Secret
    /// `token_url`.
    public var tokenURL: String
    /// `scopes`.
    public var scopes: [String] = []
    /// `endpoint_params`, sent with the token request.
    public var endpointParams: [String: String] = [:]

    /// A client-credentials config.
    public init(clientID: String, clientSecret: Secret, tokenURL: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenURL = tokenURL
    }

    /// The token request: client id and secret as Basic auth (Go's default header style),
    /// the grant as a form body.
    func tokenRequest(timeout: Duration) -> HTTPRequest {
        var form = [("grant_type", "client_credentials")]
        if !scopes.isEmpty { form.append(("scope", scopes.joined(separator: " "))) }
        form += endpointParams.sorted { $0.key < $1.key }
        let body = form.map { "\(Self.formEscape($0.0))=\(Self.formEscape($0.1))" }.joined(separator: "&")
        let credentials = "\(Self.formEscape(clientID)):\(Self.formEscape(clientSecret.reveal()))"
        return HTTPRequest(
            method: .post, url: tokenURL,
            headers: ["Content-Type": "application/x-www-form-urlencoded",
                      "Authorization": "Basic " + Data(credentials.utf8).base64EncodedString()],
            body: Array(body.utf8), connectTimeout: timeout, timeout: timeout)
    }

    /// `url.QueryEscape`: unreserved characters kept, space as `+`, the rest percent-encoded.
    static func formEscape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "): out.append("+")
            default: out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}

/// Access tokens fetched with `OAuth2Config`s, kept until shortly before they expire so a
/// burst of notifications asks the token endpoint once. One per integration context.
public final class OAuth2Tokens: Sendable {
    private struct Token: Sendable {
        var header: Secret
        var expires: ContinuousClock.Instant?
    }

    private let tokens = Mutex<[OAuth2Config: Token]>([:])

    /// An empty cache.
    public init() {}

    /// The `Authorization` header value for `config`, fetching a token when none is valid.
    func authorization(
        _ config: OAuth2Config, transport: any HTTPTransport, timeout: Duration
    ) async throws(NotifyError) -> Secret {
        let now = ContinuousClock.now
        if let cached = tokens.withLock({ $0[config] }), cached.expires.map({ now < $0 }) ?? true {
            return cached.header
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(config.tokenRequest(timeout: timeout))
        } catch {
            throw NotifyError(kind: .transport, message: "oauth2 token request: \(error)")
        }
        guard (200..<300).contains(response.status),
              let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let access = json["access_token"] as? String, !access.isEmpty
        else {
            throw NotifyError(
                kind: .status, message: "oauth2 token endpoint answered \(response.status) without an access_token",
                statusCode: response.status, isRetryable: response.status >= 500 || response.status == 429)
        }
        let type = (json["token_type"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "Bearer"
        // Go's oauth2 treats a token as expired 10s early; no expires_in = no expiry.
        let lifetime = (json["expires_in"] as? Double) ?? (json["expires_in"] as? String).flatMap(Double.init)
        let token = Token(
            header: Secret("\(type.lowercased() == "bearer" ? "Bearer" : type) \(access)"),
            expires: lifetime.map { now + .seconds(max($0 - 10, 0)) })
        tokens.withLock { $0[config] = token }
        return token.header
    }
}
