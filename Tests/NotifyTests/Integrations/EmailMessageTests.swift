import Foundation
import Testing
@testable import Notify

/// The pieces of an Alertmanager email, checked against what Go's standard library writes
/// (`mime/quotedprintable`, `mime.QEncoding`, `multipart.Writer`, `net/mail`,
/// `textproto.CanonicalMIMEHeaderKey`); expected bytes worked out from Go's source.
struct EmailMessageTests {
    static func qp(_ text: String) -> String {
        String(decoding: MIMEEncoding.quotedPrintable(Array(text.utf8)), as: UTF8.self)
    }

    @Test func quotedPrintableAsGoWritesIt() {
        #expect(Self.qp("a=b\n") == "a=3Db\r\n")
        #expect(Self.qp("x \ny") == "x=20\r\ny")
        #expect(Self.qp("a ") == "a=20")
        #expect(Self.qp("a\r\nb\rc") == "a\r\nb\r\nc")
        #expect(Self.qp("Köln") == "K=C3=B6ln")
        #expect(Self.qp(String(repeating: "a", count: 80)) == String(repeating: "a", count: 75) + "=\r\naaaaa")
        #expect(Self.qp(String(repeating: "a", count: 74) + "é") == String(repeating: "a", count: 74) + "=\r\n=C3=A9")
        #expect(Self.qp("tab\tend\t") == "tab\tend=09")
    }

    @Test func headerValuesAsGoQEncodesThem() {
        #expect(MIMEEncoding.qEncodedWord("[FIRING:2] BinFull plant-7") == "[FIRING:2] BinFull plant-7")
        #expect(MIMEEncoding.qEncodedWord("Köln") == "=?utf-8?q?K=C3=B6ln?=")
        #expect(MIMEEncoding.qEncodedWord("a b_c?=é") == "=?utf-8?q?a_b=5Fc=3F=3D=C3=A9?=")
        let long = String(repeating: "x", count: 70) + "é"
        #expect(MIMEEncoding.qEncodedWord(long)
            == "=?utf-8?q?" + String(repeating: "x", count: 63) + "?= =?utf-8?q?" + String(repeating: "x", count: 7) + "=C3=A9?=")
    }

    @Test func multipartLayoutAsAlertmanagerWritesIt() {
        let message = EmailMessage(
            envelopeFrom: "a@b.c", recipients: ["x@y.z"], headers: [("From", "a@b.c"), ("Subject", "Köln")],
            text: "hi", html: "<b>x</b>", boundary: "B")
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let data = String(decoding: message.data(date: date, messageID: "<1.2@h>"), as: UTF8.self)
        #expect(data == "From: a@b.c\r\nSubject: =?utf-8?q?K=C3=B6ln?=\r\nMessage-Id: <1.2@h>\r\n"
            + "Date: \(EmailMessage.rfc1123Z(date))\r\nContent-Type: multipart/alternative;  boundary=B\r\nMIME-Version: 1.0\r\n\r\n"
            + "--B\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhi"
            + "\r\n--B\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<b>x</b>"
            + "\r\n--B--\r\n")
        let configuredID = EmailMessage(
            envelopeFrom: "a@b.c", recipients: ["x@y.z"], headers: [("Message-Id", "<mine@h>")], text: nil, html: nil, boundary: "B")
        let bare = String(decoding: configuredID.data(date: date, messageID: "<1.2@h>"), as: UTF8.self)
        #expect(bare.hasPrefix("Message-Id: <mine@h>\r\nDate: ") && bare.hasSuffix("MIME-Version: 1.0\r\n\r\n\r\n--B--\r\n"))
        #expect(EmailMessage.randomBoundary().count == 60)
        #expect(EmailMessage.rfc1123Z(date).range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} 2023 \d{2}:\d{2}:\d{2} [+-]\d{4}$"#, options: .regularExpression) != nil)
    }

    @Test func addressListsAsNetMailReadsThem() throws {
        #expect(try EmailAddressList.parse("a@b.c, Night Shift <n@b.c>") == ["a@b.c", "n@b.c"])
        #expect(try EmailAddressList.parse(#""Last, First" <x@y.z>"#) == ["x@y.z"])
        #expect(throws: EmailAddressList.ParseError(message: "no address")) { try EmailAddressList.parse("") }
        #expect(throws: EmailAddressList.ParseError(message: "no address")) { try EmailAddressList.parse("a@b.c,") }
        #expect(throws: EmailAddressList.ParseError(message: "missing @ in addr-spec")) { try EmailAddressList.parse("nobody") }
    }

    /// Debian's prometheus-alertmanager 0.25 ships the same email.tmpl as upstream v0.25.0.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/prometheus/alertmanager/email.tmpl")))
    func builtInEmailTemplateIsAlertmanagers() throws {
        let packaged = try String(contentsOfFile: "/usr/share/prometheus/alertmanager/email.tmpl", encoding: .utf8)
        #expect(DefaultTemplates.emailSource == packaged)
    }

    @Test func headerNamesAsCanonicalMIMEHeaderKey() {
        #expect(EmailConfig.canonicalHeaderName("message-id") == "Message-Id")
        #expect(EmailConfig.canonicalHeaderName("SUBJECT") == "Subject")
        #expect(EmailConfig.canonicalHeaderName("x_team") == "X_team")
        #expect(EmailConfig.canonicalHeaderName("bad header") == "bad header")
    }
}
