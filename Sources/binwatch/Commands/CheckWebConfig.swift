import ArgumentParser
import Daemon
import Foundation

extension Binwatch {
    /// `binwatch check web-config FILE...`: the exporter-toolkit web config, as
    /// `promtool check web-config` checks it (certificates and keys loaded too), with the
    /// same `FILE SUCCESS` / `FILE FAILED: …` lines on stderr and exit 1 on any failure.
    struct CheckWebConfig: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "web-config", abstract: "Check web config files (TLS, basic auth, headers).")

        @Argument(help: "The web config files to check.")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                do {
                    _ = try WebConfigState(path: file)
                    FileHandle.standardError.write(Data("\(file) SUCCESS\n".utf8))
                } catch {
                    failed = true
                    FileHandle.standardError.write(Data("\(file) FAILED: \(error)\n".utf8))
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
