import Foundation
@testable import NATSClient
import Testing

/// The protocol pieces as nats-server 2.9 sends and expects them (lines captured from a real
/// server: note the double space nats-server writes in a JetStream acknowledgement's `MSG`).
@Suite struct NATSProtocolTests {
    @Test(arguments: [
        ("PING", NATSServerOp.ping),
        ("pong", .pong),
        ("+OK", .ok),
        ("-ERR 'Authorization Violation'", .err("Authorization Violation")),
        ("MSG _INBOX.x 1  28", .msg(subject: "_INBOX.x", sid: "1", replyTo: nil, size: 28)),
        ("MSG agog.alerts 7 _INBOX.r 5", .msg(subject: "agog.alerts", sid: "7", replyTo: "_INBOX.r", size: 5)),
        ("HMSG _INBOX.x 1 16 16", .hmsg(subject: "_INBOX.x", sid: "1", replyTo: nil, headerSize: 16, totalSize: 16)),
        ("HMSG a.b 2 r.s 30 42", .hmsg(subject: "a.b", sid: "2", replyTo: "r.s", headerSize: 30, totalSize: 42)),
        (#"INFO {"server_id":"N1","max_payload":1048576}"#, .info(#"{"server_id":"N1","max_payload":1048576}"#)),
    ] as [(String, NATSServerOp)])
    func parsesServerOperations(line: String, expected: NATSServerOp) throws {
        #expect(try NATSServerOp.parse(line) == expected)
    }

    @Test(arguments: ["MSG a 1", "MSG a 1 x", "HMSG a 1 20 10", "HELLO there", ""])
    func refusesMalformedLines(line: String) {
        #expect(throws: NATSError.self) { try NATSServerOp.parse(line) }
    }

    @Test func serverInfoFieldsAreRead() throws {
        let info = try NATSServerInfo.parse(
            #"{"server_id":"N1","version":"2.9.10","headers":true,"max_payload":1048576,"auth_required":true,"jetstream":true}"#)
        #expect(info == NATSServerInfo(
            serverID: "N1", maxPayload: 1_048_576, headers: true, tlsRequired: nil, authRequired: true, jetStream: true))
    }

    @Test func headerBlocksRoundTripAndCarryStatus() throws {
        let block = try NATSHeaderBlock.encode([NATSHeader(name: "Nats-Msg-Id", value: "abc")])
        #expect(String(decoding: block, as: UTF8.self) == "NATS/1.0\r\nNats-Msg-Id: abc\r\n\r\n")
        let decoded = try NATSHeaderBlock.decode(block[...])
        #expect(decoded.status == nil && decoded.headers == [NATSHeader(name: "Nats-Msg-Id", value: "abc")])
        let noResponders = try NATSHeaderBlock.decode(Array("NATS/1.0 503\r\n\r\n".utf8)[...])
        #expect(noResponders.status == 503 && noResponders.description.isEmpty && noResponders.headers.isEmpty)
        let described = try NATSHeaderBlock.decode(Array("NATS/1.0 408 Request Timeout\r\n\r\n".utf8)[...])
        #expect(described.status == 408 && described.description == "Request Timeout")
        #expect(throws: NATSError.self) { try NATSHeaderBlock.encode([NATSHeader(name: "X", value: "a\r\nInjected: 1")]) }
    }

    @Test(arguments: [
        ("agog.deliverables.berry.devops.REQ-STRATEGIC-AUTO-1766527796497", nil),
        ("binwatch.alerts", nil),
        ("a*b.c", nil),
        ("", "an empty subject"),
        ("agog alerts", "a subject with whitespace or control characters"),
        ("agog..alerts", "a subject with an empty token (a leading, trailing or doubled dot)"),
        (".agog", "a subject with an empty token (a leading, trailing or doubled dot)"),
        ("agog.", "a subject with an empty token (a leading, trailing or doubled dot)"),
        ("agog.*.alerts", "a subject with a wildcard token (* or >), which can be subscribed to but not published to"),
        ("agog.>", "a subject with a wildcard token (* or >), which can be subscribed to but not published to"),
    ] as [(String, String?)])
    func publishSubjectsAreCheckedAsTheServerDoes(subject: String, problem: String?) {
        #expect(NATSSubject.publishProblem(subject) == problem)
    }

    @Test func serverURLs() throws {
        #expect(try NATSServerURL(parsing: "nats://127.0.0.1:4222") == NATSServerURL(host: "127.0.0.1", port: 4222))
        #expect(try NATSServerURL(parsing: "nats://bus.example") == NATSServerURL(host: "bus.example", port: 4222))
        #expect(try NATSServerURL(parsing: "NATS://[::1]:5222/") == NATSServerURL(host: "::1", port: 5222))
        #expect(NATSServerURL(host: "::1", port: 5222).description == "nats://[::1]:5222")
        #expect(try NATSServerURL.parseList("nats://a:1, nats://b:2").map(\.description) == ["nats://a:1", "nats://b:2"])
        let refused: [(String, String)] = [
            ("nats://wms:hunter2@bus:4222", "credentials in the URL (give them as user/password or token)"),
            ("tls://bus:4222", "\"tls://bus:4222\": only nats:// (plain TCP) is supported"),
            ("http://bus:4222", "\"http://bus:4222\", which does not start with nats://"),
            ("nats://bus:0", "\"nats://bus:0\": the port must be a number from 1 to 65535"),
            ("nats://bus/x", "\"nats://bus/x\", which has a path or query (a NATS URL is nats://host[:port])"),
            ("nats://", "\"nats://\", which names no host"),
        ]
        for (text, message) in refused {
            #expect(throws: NATSError(kind: .invalidRequest, message: message)) { try NATSServerURL(parsing: text) }
        }
    }

    @Test func jetStreamAnswers() throws {
        let ack = NATSMessage(subject: "_INBOX.x", payload: Array(#"{"stream":"ALERTS", "seq":1}"#.utf8))
        #expect(try JetStreamPubAck.parse(ack) == JetStreamPubAck(stream: "ALERTS", sequence: 1))
        let duplicate = NATSMessage(subject: "_INBOX.x", payload: Array(#"{"stream":"ALERTS", "seq":1,"duplicate": true}"#.utf8))
        #expect(try JetStreamPubAck.parse(duplicate).duplicate)
        let noResponders = NATSMessage(subject: "_INBOX.x", status: 503, payload: [])
        #expect(throws: NATSError.self) { try JetStreamPubAck.parse(noResponders) }
        do throws(NATSError) {
            _ = try JetStreamPubAck.parse(noResponders)
        } catch {
            #expect(error.kind == .noResponders && error.isRetryable)
        }
        let refused = NATSMessage(
            subject: "_INBOX.x",
            payload: Array(#"{"error":{"code":503,"err_code":10077,"description":"maximum messages exceeded"}}"#.utf8))
        do throws(NATSError) {
            _ = try JetStreamPubAck.parse(refused)
            Issue.record("an error answer was taken for an acknowledgement")
        } catch {
            #expect(error.kind == .jetStream && error.isRetryable)
            #expect(error.message == "JetStream refused the message: maximum messages exceeded (code 503, err_code 10077)")
        }
    }

    @Test func connectLineCarriesCredentialsThatNeverPrint() throws {
        let options = NATSConnectOptions(user: "wms", password: "hunter2\"x")
        let line = String(decoding: options.connectLine(), as: UTF8.self)
        #expect(line.hasPrefix("CONNECT {") && line.hasSuffix("}\r\n"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(line.dropFirst("CONNECT ".count).utf8)) as? [String: Any])
        #expect(json["user"] as? String == "wms" && json["pass"] as? String == "hunter2\"x")
        #expect(json["verbose"] as? Bool == false && json["headers"] as? Bool == true && json["no_responders"] as? Bool == true)
        #expect(json["auth_token"] == nil)
        for text in [options.description, String(reflecting: options), "\(options)"] {
            #expect(!text.contains("hunter2") && text.contains("<secret>"))
        }
    }

    @Test func serverErrorsAreClassified() {
        let server = NATSServerURL(host: "127.0.0.1", port: 4222)
        #expect(NATSError.serverError("Authorization Violation", from: server).kind == .authorization)
        #expect(NATSError.serverError("Permissions Violation for Publish to \"a\"", from: server).kind == .permission)
        #expect(NATSError.serverError("Maximum Payload Violation", from: server).kind == .invalidRequest)
        let other = NATSError.serverError("Maximum Connections Exceeded", from: server)
        #expect(other.kind == .server && other.isRetryable)
        #expect(other.message == "nats://127.0.0.1:4222 answered -ERR 'Maximum Connections Exceeded'")
    }
}
