import Foundation
public import HTTPClient
import Model

/// Sends notifications by email as Alertmanager 0.25's `notify/email` does, through libcurl's
/// SMTP (`SMTPTransport`): port 465 with TLS from the first byte, other ports plain with
/// STARTTLS when `require_tls`, AUTH when `auth_username` is set and the server offers it.
public struct EmailNotifier: Notifier {
    /// The integration's config.
    public let config: EmailConfig
    private let context: IntegrationContext
    private let smtp: any SMTPTransport

    /// Creates a notifier for one `email_configs` entry.
    public init(config: EmailConfig, context: IntegrationContext, smtp: any SMTPTransport = CurlSMTPClient()) {
        self.config = config
        self.context = context
        self.smtp = smtp
    }

    /// The message for `alerts`: every template rendered, the addresses parsed (exposed for tests).
    /// - Throws: `NotifyError` of kind `.template` (not retried, as Alertmanager's `false`)
    ///   when a template fails or `to`/`from` do not read as addresses.
    public func message(_ alerts: [Alert], group: GroupKey) throws(NotifyError) -> EmailMessage {
        let data = context.data(alerts, group: group)
        let renderer = context.renderer
        func render(_ source: String, _ what: String, html: Bool = false) throws(NotifyError) -> String {
            do throws(TemplateRenderError) {
                if html { return try renderer.renderHTML(source, data: data) }
                return try renderer.render(source, data: data)
            } catch {
                throw NotifyError(kind: .template, message: "execute \(what) template: \(error.message)")
            }
        }
        let from = try addresses(try render(config.from, "'from'"), "'from'")
        guard from.count == 1 else {
            throw NotifyError(kind: .template, message: "must be exactly one 'from' address (got: \(from.count))")
        }
        let to = try addresses(try render(config.to, "'to'"), "'to'")
        var headers: [(name: String, value: String)] = []
        // Alertmanager writes them in Go's random map order; binwatch sorts them.
        for name in config.headers.keys.sorted() {
            let value = try render(config.headers[name] ?? "", "\"\(name)\" header")
            headers.append((name: name, value: value))
        }
        // Alertmanager decides on the configured templates, not on what they render to.
        var text: String?, html: String?
        if !config.text.isEmpty { text = try render(config.text, "text") }
        if !config.html.isEmpty { html = try render(config.html, "html", html: true) }
        return EmailMessage(envelopeFrom: from[0], recipients: to, headers: headers, text: text, html: html)
    }

    private func addresses(_ text: String, _ what: String) throws(NotifyError) -> [String] {
        do throws(EmailAddressList.ParseError) {
            return try EmailAddressList.parse(text)
        } catch {
            throw NotifyError(kind: .template, message: "parse \(what) addresses: mail: \(error.message)")
        }
    }

    /// Sends one attempt.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let message = try message(alerts, group: group)
        let now = Date()
        let timeout = NotificationDeadline.attemptTimeout
        var request = SMTPRequest(
            host: config.smarthost.host, port: config.smarthost.port, from: message.envelopeFrom,
            recipients: message.recipients, message: message.data(date: now, messageID: EmailMessage.messageID(date: now)))
        request.implicitTLS = config.smarthost.port == 465
        request.requireSTARTTLS = config.requireTLS
        request.hello = config.hello
        request.connectTimeout = timeout
        request.timeout = timeout
        request.caFile = config.tls.caFile
        request.clientCertificateFile = config.tls.certFile
        request.clientKeyFile = config.tls.keyFile
        request.serverName = config.tls.serverName
        request.insecureSkipVerify = config.tls.insecureSkipVerify
        // Alertmanager tries the mechanisms the server lists: PLAIN and LOGIN with the password,
        // CRAM-MD5 with the secret; libcurl picks among the allowed ones the server lists, and
        // skips AUTH when the server offers none, as Alertmanager does. A username without
        // either credential sends without AUTH (Alertmanager fails at AUTH; the server's refusal
        // of MAIL then says why).
        if !config.authUsername.isEmpty {
            if let password = config.authPassword, !password.isEmpty {
                request.username = config.authUsername
                request.password = password.reveal()
                request.mechanisms = ["PLAIN", "LOGIN"]
                request.authorizationIdentity = config.authIdentity
            } else if let secret = config.authSecret, !secret.isEmpty {
                request.username = config.authUsername
                request.password = secret.reveal()
                request.mechanisms = ["CRAM-MD5"]
            }
        }
        do {
            try await smtp.send(request)
        } catch {
            throw Self.error(from: error)
        }
    }

    /// Alertmanager's email notifier retries every failure of the SMTP session (connection,
    /// TLS, STARTTLS, AUTH, MAIL, RCPT, DATA); only a request that cannot be built is final.
    static func error(from failure: HTTPClientError) -> NotifyError {
        switch failure.kind {
        case .cancelled: return NotifyError(kind: .cancelled, message: failure.message, isRetryable: false)
        case .invalidRequest: return NotifyError(kind: .request, message: failure.message, isRetryable: false)
        default: return NotifyError(kind: .transport, message: "\(failure.kind): \(failure.message)", isRetryable: true)
        }
    }
}
