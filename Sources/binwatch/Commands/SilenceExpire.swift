import ArgumentParser
import Daemon
import Foundation
import Notify

extension Binwatch {
    /// `binwatch silence expire ID…`: ends silences now.
    struct SilenceExpire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "expire", abstract: "Expire silences by id.")

        @OptionGroup var store: SilenceStoreOptions

        @Argument(help: "Ids as printed by `silence add` and `silence list`.")
        var ids: [String]

        func run() async throws {
            let silences = try store.openStore()
            var unknown: [String] = []
            for id in ids {
                do {
                    if !(try silences.expire(id: id, at: SilenceTime.now)) { unknown.append(id) }
                } catch {
                    throw ValidationError("\(error.message)")
                }
            }
            if !unknown.isEmpty {
                FileHandle.standardError.write(Data("binwatch: no active silence with id \(unknown.joined(separator: ", "))\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
