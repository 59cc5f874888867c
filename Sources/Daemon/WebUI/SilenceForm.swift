import Foundation
import Model
import Notify

/// The new-silence form of `/silences`: what was typed (shown again when something is
/// wrong) and the silence it describes. Matchers in Alertmanager's syntax
/// (`alertname="X", zone=~"a.*"`, braces optional), a start (RFC 3339, empty for now) and
/// either an end (RFC 3339) or a duration (Prometheus syntax, `2h` by default, as
/// Alertmanager's UI), and who and why, both required as in Alertmanager's UI.
struct SilenceForm: Sendable {
    var matchers = ""
    var startsAt = ""
    var duration = "2h"
    var endsAt = ""
    var createdBy = ""
    var comment = ""

    init() {}

    init(_ params: RequestParameters) {
        matchers = params["matchers"] ?? ""
        startsAt = params["starts_at"] ?? ""
        duration = params["duration"] ?? ""
        endsAt = params["ends_at"] ?? ""
        createdBy = params["created_by"] ?? ""
        comment = params["comment"] ?? ""
    }

    /// The fields for the template.
    var fields: [String: String] {
        ["matchers": matchers, "startsAt": startsAt, "duration": duration, "endsAt": endsAt, "createdBy": createdBy,
         "comment": comment]
    }

    /// Every problem of a form, one line each, naming the field.
    struct Problems: Error {
        var problems: [String]
    }

    /// The silence, or every problem found (all fields are checked, not just the first).
    func silence(now: Timestamp) -> Result<Silence, Problems> {
        var problems: [String] = []
        var parsed: [Matcher] = []
        let trimmed = matchers.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            problems.append("Matchers: at least one matcher is needed, e.g. alertname=\"BinCacheStale\".")
        } else {
            do {
                parsed = try MatcherParser.parse(trimmed)
            } catch {
                problems.append("Matchers: \(error.message)")
            }
        }
        var start = now
        if !startsAt.trimmingCharacters(in: .whitespaces).isEmpty {
            if let time = QueryAPI.parseRFC3339(startsAt.trimmingCharacters(in: .whitespaces)) {
                start = time
            } else {
                problems.append("Starts at: \"\(startsAt)\" is not an RFC 3339 time such as 2026-12-08T10:00:00Z.")
            }
        }
        var end: Timestamp?
        if !endsAt.trimmingCharacters(in: .whitespaces).isEmpty {
            if let time = QueryAPI.parseRFC3339(endsAt.trimmingCharacters(in: .whitespaces)) {
                end = time
            } else {
                problems.append("Ends at: \"\(endsAt)\" is not an RFC 3339 time such as 2026-12-08T12:00:00Z.")
            }
        } else {
            do {
                let length = try PromDuration(parsing: duration.trimmingCharacters(in: .whitespaces))
                if length.milliseconds <= 0 { problems.append("Duration: it must be longer than zero.") }
                end = Timestamp(milliseconds: start.milliseconds + length.milliseconds)
            } catch {
                problems.append("Duration: \(error.description) (e.g. 2h, 30m, 1d).")
            }
        }
        if let end, end <= start { problems.append("Ends at: the end must be after the start.") }
        if let end, end < now { problems.append("Ends at: the end is in the past.") }
        if createdBy.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("Created by: say who creates the silence.") }
        if comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("Comment: say why.") }
        guard problems.isEmpty, let end else { return .failure(Problems(problems: problems)) }
        return .success(Silence(
            id: "", matchers: parsed, startsAt: start, endsAt: end, createdBy: createdBy, comment: comment))
    }
}
