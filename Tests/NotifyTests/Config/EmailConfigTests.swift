import Foundation
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// `email_configs` and the `global:` `smtp_*` keys: decoded with Alertmanager 0.25's defaults
/// and inheritance, and accepted or refused as `amtool check-config` 0.25 judges them.
struct EmailConfigTests {
    static let full = """
        global: {smtp_hello: global.example, smtp_require_tls: false, smtp_auth_username: g, smtp_auth_password: gpw}
        route: {receiver: ops}
        receivers:
          - name: ops
            email_configs:
              - to: 'ops@example.com'
                from: 'am@example.com'
                smarthost: 'mail.example.com:587'
                hello: mx.example
                auth_username: wms
                auth_password: s3cr3t-pw
                auth_identity: wms-id
                headers: {message-id: '<fixed@example.com>', X-Team: wms, reply-to: 'noc@example.com'}
                html: '<b>{{ .Status }}</b>'
                text: '{{ .Status }}'
                require_tls: true
                tls_config: {insecure_skip_verify: true, server_name: mail.internal}
                send_resolved: true
              - to: 'ops2@example.com'
                smarthost: '[::1]:465'
                from: 'am@example.com'
        """

    @Test func decodesEveryFieldWithAlertmanagersDefaultsAndInheritance() throws {
        let config = try NotifyConfig.parse(yaml: Self.full, file: "am.yml")
        let emails = try #require(config.receiver(named: "ops")?.email)
        #expect(emails.count == 2)
        let own = emails[0], inherited = emails[1]
        #expect(own.smarthost == SMTPSmarthost(host: "mail.example.com", port: 587))
        #expect(own.hello == "mx.example" && own.authUsername == "wms" && own.authIdentity == "wms-id")
        #expect(own.authPassword?.reveal() == "s3cr3t-pw")
        #expect(own.requireTLS && own.sendResolved)
        #expect(own.tls.insecureSkipVerify && own.tls.serverName == "mail.internal")
        #expect(own.html == "<b>{{ .Status }}</b>" && own.text == "{{ .Status }}")
        // Names made canonical as Go's CanonicalMIMEHeaderKey does; Subject, To and From added.
        #expect(own.headers == [
            "Message-Id": "<fixed@example.com>", "X-Team": "wms", "Reply-To": "noc@example.com",
            "Subject": #"{{ template "email.default.subject" . }}"#, "To": "ops@example.com", "From": "am@example.com",
        ])
        #expect(inherited.smarthost == SMTPSmarthost(host: "::1", port: 465))
        #expect(inherited.hello == "global.example" && inherited.authUsername == "g")
        #expect(inherited.authPassword?.reveal() == "gpw")
        #expect(!inherited.requireTLS && !inherited.sendResolved)
        #expect(inherited.html == #"{{ template "email.default.html" . }}"# && inherited.text.isEmpty)
    }

    @Test func globalDefaultsApplyWhenTheEntryLeavesThemOut() throws {
        let yaml = """
            global: {smtp_smarthost: 'mail:25', smtp_from: 'Alertmanager <am@example.com>'}
            route: {receiver: r}
            receivers: [{name: r, email_configs: [{to: a@example.com}]}]
            """
        let email = try #require(try NotifyConfig.parse(yaml: yaml, file: "am.yml").receivers.first?.email.first)
        #expect(email.smarthost == SMTPSmarthost(host: "mail", port: 25))
        #expect(email.from == "Alertmanager <am@example.com>")
        #expect(email.hello == "localhost" && email.requireTLS && email.authUsername.isEmpty && email.authPassword == nil)
    }

    @Test func errorsNameTheirPlace() throws {
        let yaml = """
            route: {receiver: r}
            receivers:
              - name: r
                email_configs:
                  - {to: a@example.com, from: b@example.com, smarthost: 'mail'}
                  - {from: b@example.com, smarthost: 'mail:25', headers: {subject: a, SUBJECT: b}}
            """
        let errors: [String]
        do {
            _ = try NotifyConfig.parse(yaml: yaml, file: "am.yml")
            errors = []
        } catch {
            errors = error.errors.map(\.description)
        }
        #expect(errors.contains { $0.hasPrefix("am.yml:5:") && $0.contains("missing port in address") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("am.yml:6:") && $0.contains("a to address") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("am.yml:6:") && $0.contains("duplicate header \"Subject\"") }, "\(errors)")
    }

    @Test func secretsStayOutOfDescriptions() throws {
        let config = try NotifyConfig.parse(yaml: Self.full, file: "am.yml")
        let text = String(describing: config) + String(reflecting: config.receivers)
        #expect(leakedSecrets(in: text, secrets: ["s3cr3t-pw", "gpw"]).isEmpty)
    }

    /// (yaml, accepted): amtool 0.25 must agree on each when installed.
    static let cases: [(String, Bool)] = [
        (full, true),
        ("global: {smtp_smarthost: 'mail:25', smtp_from: a@b.c}\nroute: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c}]}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, from: a@b.c, smarthost: 'm:25', auth_username: u, auth_password_file: /nonexistent/pw}]}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, from: a@b.c, smarthost: 'm:25', auth_secret: s, auth_identity: i}]}]\n", true),
        ("global: {smtp_smarthost: 'mail:25', smtp_from: a@b.c, smtp_auth_password_file: /nonexistent/pw, smtp_hello: h, smtp_auth_identity: i, smtp_auth_secret: s}\nroute: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c}]}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{from: a@b.c, smarthost: 'm:25'}]}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, from: a@b.c}]}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, smarthost: 'm:25'}]}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, from: a@b.c, smarthost: 'm'}]}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, from: a@b.c, smarthost: 'm:'}]}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, from: a@b.c, smarthost: 'a:b:25'}]}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, from: a@b.c, smarthost: 'm:25', headers: {subject: a, Subject: b}}]}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: x@b.c, from: a@b.c, smarthost: 'm:25', bogus: 1}]}]\n", false),
        ("global: {smtp_auth_password: p, smtp_auth_password_file: /nonexistent/pw}\nroute: {receiver: r}\nreceivers: [{name: r}]\n", false),
        ("global: {smtp_smarthost: 'mail'}\nroute: {receiver: r}\nreceivers: [{name: r}]\n", false),
    ]

    @Test(arguments: cases)
    func agreesWithAmtool(_ yaml: String, _ accepted: Bool) throws {
        let ours = (try? NotifyConfig.parse(yaml: yaml, file: "am.yml")) != nil
        #expect(ours == accepted, "\(yaml)")
        guard let status = try AlertmanagerSyntaxTests.amtoolStatus(yaml) else { return }
        #expect((status == 0) == accepted, "amtool disagrees on: \(yaml)")
    }
}
