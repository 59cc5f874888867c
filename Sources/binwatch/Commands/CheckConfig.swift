import ArgumentParser
import Daemon
import Foundation
import Notify
import Rules

extension Binwatch {
    /// `binwatch check config FILE`: every error of binwatch.yml and the rule files it names,
    /// each with file:line:col (exit 1 on any).
    struct CheckConfig: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config", abstract: "Check a binwatch.yml and the rule files it names.")

        @Argument(help: "The binwatch.yml files to check.")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                print("Checking \(file)")
                do {
                    // `*_file` secrets stay unopened, as amtool leaves them; the daemon reads them.
                    let loaded = try ConfigLoader(readsSecretFiles: false).load(path: file)
                    let rules = loaded.ruleFiles.reduce(0) { $0 + $1.ruleCount }
                    print("  SUCCESS: \(loaded.ruleFiles.count) rule files (\(rules) rules), "
                        + "\(loaded.config.healthChecks.count) health checks")
                    if let web = loaded.config.web.configFile {
                        do {
                            _ = try WebConfigState(path: web)
                            print("  SUCCESS: web config \(web)")
                        } catch {
                            failed = true
                            FileHandle.standardError.write(Data("  FAILED: web config:\n\(error)\n".utf8))
                        }
                    }
                    if let notify = loaded.config.notify {
                        print("  SUCCESS: alerting: \(notify.receivers.count) receivers, \(notify.route.allRoutes.count) routes, "
                            + "\(notify.inhibitRules.count) inhibit rules, \(notify.alertmanagers.count) alertmanagers")
                        // Advice only (an inline secret): the file stays valid, as it is for amtool.
                        for warning in notify.warnings { print("  WARNING: \(warning)") }
                    }
                } catch {
                    failed = true
                    FileHandle.standardError.write(Data("  FAILED:\n\(error)\n".utf8))
                }
                print("")
            }
            if failed { throw ExitCode(1) }
        }
    }
}
