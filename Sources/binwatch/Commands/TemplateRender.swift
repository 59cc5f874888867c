import ArgumentParser
import Foundation
import Model
import Notify

extension Binwatch {
    /// `binwatch template …`, as `amtool template`.
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render notification templates as amtool template does.", subcommands: [TemplateRender.self])
    }

    /// `binwatch template render`, as `amtool template render` (0.25): the text rendered
    /// against `default.tmpl` plus the globbed files, with amtool's default data or a JSON
    /// `template.Data` file, printed without a trailing newline.
    struct TemplateRender: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render", abstract: "Render a template text to standard output.")

        @Option(name: .customLong("template.glob"), help: "Glob of template files to load (repeatable).")
        var globs: [String] = []

        @Option(name: .customLong("template.text"), help: "The template to render.")
        var text: String?

        @Option(name: .customLong("template.type"), help: "text, or html for Go's html/template escaping.")
        var type: String = "text"

        @Option(name: .customLong("template.data"),
                help: "A JSON file in the layout of Alertmanager's template.Data (default: amtool's two example alerts).")
        var dataFile: String?

        func run() throws {
            do throws(AmtoolFailure) {
                print(try render(), terminator: "")
            } catch {
                throw error.exit()
            }
        }

        private func render() throws(AmtoolFailure) -> String {
            // amtool checks these as kingpin flag errors, before anything is read.
            if globs.isEmpty { throw AmtoolFailure(message: "required flag --template.glob not provided") }
            guard let text else { throw AmtoolFailure(message: "required flag --template.text not provided") }
            guard type == "text" || type == "html" else {
                throw AmtoolFailure(message: "enum value must be one of html,text, got '\(type)'")
            }
            let data: TemplateData
            if let dataFile {
                guard let contents = FileManager.default.contents(atPath: dataFile) else {
                    // kingpin opens the file while parsing flags; these are Go's two usual reasons.
                    let reason = FileManager.default.fileExists(atPath: dataFile) ? "permission denied" : "no such file or directory"
                    throw AmtoolFailure(message: "open \(dataFile): \(reason)")
                }
                do {
                    data = try TemplateData.decodeJSON(contents)
                } catch {
                    throw AmtoolFailure(message: "--template.data \(dataFile): \(error.message)")
                }
            } else {
                let now = Timestamp(seconds: Date().timeIntervalSince1970)
                data = TemplateData.amtoolDefault(now: now)
            }
            do {
                let templates = try NotificationTemplates.fromGlobs(globs)
                // html: Go's html/template escaping, as for an email's HTML body (see docs/amtool.md).
                if type == "html" { return try templates.renderHTML(text, dot: data.structTemplateValue) }
                return try templates.render(text, dot: data.structTemplateValue)
            } catch {
                throw AmtoolFailure(message: error.message)
            }
        }
    }
}
