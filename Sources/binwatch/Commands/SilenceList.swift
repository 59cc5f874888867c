import ArgumentParser
import Daemon
import Foundation
import Model
import Notify

extension Binwatch {
    /// `binwatch silence list [--expired]`: one line per silence, as amtool's simple output.
    struct SilenceList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List active and pending silences (or expired ones).")

        @OptionGroup var store: SilenceStoreOptions

        @Flag(help: "List the expired silences instead.")
        var expired = false

        func run() async throws {
            let now = SilenceTime.now
            let silences = try store.openStore().all().filter { expired ? $0.endsAt <= now : $0.endsAt > now }
            print(["ID", "Matchers", "Starts At", "Ends At", "Created By", "Comment"].joined(separator: "\t"))
            for silence in silences {
                let matchers = silence.matchers.map { "\($0.name)\($0.op)\"\($0.value)\"" }.joined(separator: " ")
                print([
                    silence.id, matchers, SilenceTime.format(silence.startsAt), SilenceTime.format(silence.endsAt),
                    silence.createdBy, silence.comment,
                ].joined(separator: "\t"))
            }
        }
    }
}
