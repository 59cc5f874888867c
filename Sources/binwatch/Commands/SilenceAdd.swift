import ArgumentParser
import Daemon
import Foundation
import Model
import Notify

extension Binwatch {
    /// `binwatch silence add MATCHER… --comment TEXT [--duration D | --ends-at T]`.
    struct SilenceAdd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a silence; prints its id.")

        @OptionGroup var store: SilenceStoreOptions

        @Argument(help: "Matchers in Alertmanager syntax: alertname=Foo 'severity=~\"page|critical\"' or '{a=\"b\",c!=\"d\"}'.")
        var matchers: [String]

        @Option(help: "How long the silence lasts from its start (Prometheus duration, e.g. 2h30m).")
        var duration: String?

        @Option(help: "When the silence ends (RFC 3339); instead of --duration.")
        var endsAt: String?

        @Option(help: "When the silence starts (RFC 3339); default now.")
        var startsAt: String?

        @Option(help: "Why the alerts are silenced (required, as amtool requires it).")
        var comment: String

        @Option(help: "Who silences them (default: $USER).")
        var author: String?

        func run() async throws {
            var parsed: [Matcher] = []
            for text in matchers {
                do {
                    parsed += try MatcherParser.parse(text)
                } catch {
                    throw ValidationError("matcher \(text): \(error)")
                }
            }
            if comment.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--comment must not be empty") }
            let start: Timestamp
            if let startsAt {
                guard let time = SilenceTime.parse(startsAt) else { throw ValidationError("--starts-at \(startsAt): not an RFC 3339 time") }
                start = time
            } else {
                start = SilenceTime.now
            }
            let end: Timestamp
            switch (duration, endsAt) {
            case (_?, _?):
                throw ValidationError("give --duration or --ends-at, not both")
            case (nil, let text?):
                guard let time = SilenceTime.parse(text) else { throw ValidationError("--ends-at \(text): not an RFC 3339 time") }
                end = time
            case (let text, nil):
                do {
                    end = start + (try PromDuration(parsing: text ?? "1h"))
                } catch {
                    throw ValidationError("--duration \(text ?? ""): \(error)")
                }
            }
            guard end > start else { throw ValidationError("the silence must end after it starts") }
            // The same rules and the same write as `POST /api/v2/silences` (Silence.write in Notify).
            let silence = Notify.Silence(
                id: "", matchers: parsed, startsAt: start, endsAt: end,
                createdBy: author ?? ProcessInfo.processInfo.environment["USER"] ?? "binwatch", comment: comment)
            // Checked before the state file is opened, so a refused silence creates nothing.
            do {
                try silence.validate()
            } catch {
                throw ValidationError(error.message)
            }
            let silences = try store.openStore()
            let id: String
            do {
                id = try silences.set(silence, at: SilenceTime.now, newID: UUID().uuidString.lowercased())
            } catch {
                throw ValidationError(error.message)
            }
            print(id)
        }
    }
}
