import ArgumentParser
import Notify

extension Binwatch {
    /// `binwatch config routes [show|test]`, as `amtool config routes`.
    struct ConfigRoutes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "routes", abstract: "Print the routing tree, or test which receivers labels route to.",
            subcommands: [ConfigRoutesShow.self, ConfigRoutesTest.self])

        // Declared here as well as in the subcommands, so `--config.file` may come before
        // `test`/`show` too, as amtool takes it (the flag belongs to amtool's `routes`).
        @OptionGroup var file: AlertmanagerFileOptions

        /// Without a subcommand: `show`, as amtool's default.
        func run() throws {
            try ConfigRoutesShow(file: file).run()
        }
    }

    /// `binwatch config routes show`: the whole tree, as `amtool config routes show` draws it.
    struct ConfigRoutesShow: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the routing tree.")

        @OptionGroup var file: AlertmanagerFileOptions

        init() {}

        init(file: AlertmanagerFileOptions) { self.file = file }

        func run() throws {
            do throws(AmtoolFailure) {
                let config = try file.load()
                print("Routing tree:")
                print(RouteTree.render(config.route))
            } catch {
                throw error.exit()
            }
        }
    }
}
