import Foundation

/// JetStream's answer to a publish with a reply subject: `{"stream":"ALERTS","seq":7}`, with
/// `"duplicate":true` when the stream already holds a message with the same `Nats-Msg-Id`
/// within its duplicate window (the message is then not stored again).
public struct JetStreamPubAck: Sendable, Hashable {
    /// The stream that stored the message.
    public var stream: String
    /// Its sequence number there.
    public var sequence: UInt64
    /// Whether it was a duplicate the stream dropped.
    public var duplicate: Bool

    /// Creates an acknowledgement.
    public init(stream: String, sequence: UInt64, duplicate: Bool = false) {
        self.stream = stream
        self.sequence = sequence
        self.duplicate = duplicate
    }

    /// Reads the answer to a JetStream publish.
    /// - Throws: `.noResponders` for a 503 status (no stream holds the subject), `.jetStream`
    ///   for an `{"error":…}` answer or one that is not an acknowledgement.
    public static func parse(_ message: NATSMessage) throws(NATSError) -> JetStreamPubAck {
        if message.status == 503 {
            throw NATSError(
                kind: .noResponders,
                message: "no JetStream stream holds the subject (503 no responders): create one over it")
        }
        if let status = message.status, message.payload.isEmpty {
            throw NATSError(kind: .jetStream, message: "JetStream answered status \(status) \(message.statusDescription)")
        }
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: Data(message.payload))
        } catch {
            throw NATSError(kind: .jetStream, message: "JetStream answered with something other than an acknowledgement")
        }
        if let error = answer.error {
            throw NATSError(
                kind: .jetStream,
                message: "JetStream refused the message: \(error.description ?? "no description") (code \(error.code ?? 0), err_code \(error.errCode ?? 0))")
        }
        guard let stream = answer.stream, let sequence = answer.seq else {
            throw NATSError(kind: .jetStream, message: "JetStream answered without a stream and sequence")
        }
        return JetStreamPubAck(stream: stream, sequence: sequence, duplicate: answer.duplicate ?? false)
    }

    private struct Answer: Decodable {
        struct APIError: Decodable {
            var code: Int?
            var errCode: Int?
            var description: String?
            enum CodingKeys: String, CodingKey {
                case code, description
                case errCode = "err_code"
            }
        }
        var stream: String?
        var seq: UInt64?
        var duplicate: Bool?
        var error: APIError?
    }
}
