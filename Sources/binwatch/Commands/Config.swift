import ArgumentParser
import Foundation
import Notify

extension Binwatch {
    /// `binwatch config …`: amtool's `config` commands on a standalone alertmanager.yml.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect an alertmanager.yml as amtool config does.", subcommands: [ConfigRoutes.self])
    }
}

/// amtool's way of failing: `binwatch: error: MESSAGE` on stderr, then a blank line, exit 1
/// (kingpin's `Fatalf`), so scripts written around amtool read binwatch the same way.
struct AmtoolFailure: Error {
    let message: String

    /// Prints the message as kingpin does and returns the exit to throw.
    func exit() -> ExitCode {
        FileHandle.standardError.write(Data("binwatch: error: \(message)\n\n".utf8))
        return ExitCode(1)
    }
}

/// `--config.file FILE`, read as amtool reads it: the whole file is an Alertmanager config,
/// `*_file` secrets are not opened and `${VAR}` is not expanded.
struct AlertmanagerFileOptions: ParsableArguments {
    @Option(name: .customLong("config.file"), help: "The alertmanager.yml to read.")
    var configFile: String?

    /// The decoded config.
    /// - Throws: `AmtoolFailure` naming the missing flag, the unreadable file or every config error.
    func load() throws(AmtoolFailure) -> NotifyConfig {
        guard let configFile else { throw AmtoolFailure(message: "You have to specify --config.file.") }
        guard FileManager.default.fileExists(atPath: configFile) else {
            throw AmtoolFailure(message: "path '\(configFile)' does not exist")
        }
        let text: String
        do {
            text = try String(contentsOfFile: configFile, encoding: .utf8)
        } catch {
            throw AmtoolFailure(message: "cannot read \(configFile): \(error.localizedDescription)")
        }
        do {
            return try NotifyConfig.parse(yaml: text, file: configFile)
        } catch {
            throw AmtoolFailure(message: "\(error)")
        }
    }
}
