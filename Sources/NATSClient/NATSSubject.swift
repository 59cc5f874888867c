/// NATS subjects as nats-server checks them (`server/sublist.go`, `IsValidLiteralSubject`):
/// dot-separated tokens, none empty, no whitespace; to publish, no token may be a wildcard
/// (`*` or `>`). A `*` inside a longer token (`a*b`) is a literal character, as there.
public enum NATSSubject {
    /// Why a message cannot be published to `subject`, or nil when it can.
    public static func publishProblem(_ subject: String) -> String? {
        if subject.isEmpty { return "an empty subject" }
        // Whitespace separates the protocol's fields; control characters break its lines.
        if subject.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            return "a subject with whitespace or control characters"
        }
        let tokens = subject.split(separator: ".", omittingEmptySubsequences: false)
        if tokens.contains(where: \.isEmpty) {
            return "a subject with an empty token (a leading, trailing or doubled dot)"
        }
        if tokens.contains(where: { $0 == "*" || $0 == ">" }) {
            return "a subject with a wildcard token (* or >), which can be subscribed to but not published to"
        }
        return nil
    }
}
