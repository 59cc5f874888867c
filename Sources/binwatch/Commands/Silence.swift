import ArgumentParser
import Daemon
import Foundation
import Model

extension Binwatch {
    /// `binwatch silence add|list|expire`: silences in the daemon's state file, in the
    /// manner of `amtool silence`; the running daemon reads them at every flush.
    struct Silence: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add, list and expire notification silences (stored in the state file).",
            subcommands: [SilenceAdd.self, SilenceList.self, SilenceExpire.self])
    }
}

/// `--config FILE` and opening the state file it names.
struct SilenceStoreOptions: ParsableArguments {
    @Option(help: "The binwatch.yml whose state.path holds the silences.")
    var config: String

    /// The state file's silences.
    /// - Throws: `ValidationError` naming what is wrong (config rejected, no state.path,
    ///   unusable file).
    func openStore() throws -> SQLiteSilenceStore {
        let loaded: LoadedConfig
        do {
            loaded = try ConfigLoader().load(path: config)
        } catch {
            throw ValidationError("configuration rejected:\n\(error)")
        }
        guard let path = loaded.config.state.path else {
            throw ValidationError("\(config) has no state.path: silences are kept in the state file")
        }
        do {
            return try NotifyStateDatabase(path: path).silences
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// RFC 3339 times for silence input and output.
enum SilenceTime {
    static func parse(_ text: String) -> Timestamp? {
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Timestamp(seconds: date.timeIntervalSince1970) }
        }
        return nil
    }

    static func format(_ time: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: time.seconds))
    }

    static var now: Timestamp { Timestamp(seconds: Date().timeIntervalSince1970) }
}
