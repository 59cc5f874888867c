import Foundation
import Testing

@Suite struct VersionTests {
    @Test func printsVersionAndHelp() async throws {
        let version = try await BinwatchProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try await BinwatchProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: binwatch"))
    }
}
