import ArgumentParser
import Model
import Notify

extension Binwatch {
    /// `binwatch config routes test LABEL=VALUE...`, as `amtool config routes test`: the
    /// receivers the labels route to, comma-joined in tree order; exit 1 when
    /// `--verify.receivers` differs.
    struct ConfigRoutesTest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test", abstract: "Print the receivers an alert with these labels is routed to.")

        @OptionGroup var file: AlertmanagerFileOptions

        @Option(name: .customLong("verify.receivers"),
                help: "Fail unless the labels route to exactly these receivers (comma-separated, in order).")
        var verifyReceivers: String = ""

        @Flag(name: .customLong("tree"), help: "Print the routes the labels match.")
        var tree = false

        @Argument(help: "The alert's labels, each LABEL=VALUE (the value may be double-quoted).")
        var labels: [String] = []

        func run() throws {
            var mismatch = false
            do throws(AmtoolFailure) {
                let config = try file.load()
                let labelSet = try Self.parseLabels(labels)
                if tree {
                    print("Matching routes:")
                    print(RouteTree.renderMatching(config.route, labels: labelSet))
                    print("")
                }
                let receivers = config.route.match(labelSet).map(\.options.receiver).joined(separator: ",")
                print(receivers)
                if !verifyReceivers.isEmpty && verifyReceivers != receivers {
                    print("WARNING: Expected receivers did not match resolved receivers.")
                    mismatch = true
                }
            } catch {
                throw error.exit()
            }
            if mismatch { throw ExitCode(1) }
        }

        /// amtool's `parseLabels`: each argument one matcher, which must be `=`; a later
        /// label of the same name replaces an earlier one.
        static func parseLabels(_ arguments: [String]) throws(AmtoolFailure) -> Labels {
            var set: [String: String] = [:]
            for argument in arguments {
                let matcher: Matcher
                do {
                    matcher = try MatcherParser.parseMatcher(argument)
                } catch {
                    throw AmtoolFailure(message: "Failed to parse labels: \(error.message)")
                }
                guard matcher.kind == .equal else {
                    throw AmtoolFailure(message: "Failed to parse labels: labels must be specified as key=value pairs")
                }
                set[matcher.name] = matcher.value
            }
            return Labels(set)
        }
    }
}
