import Foundation
import Testing
import TestSupport

@testable import Notify

@Suite struct SHA256Tests {
    /// Hashes `text` with the system's `sha256sum`, the oracle.
    static func sha256sum(_ text: String) throws -> String {
        let result = try ChildProcess.run(["/usr/bin/sha256sum"], stdin: text, timeout: .seconds(60))
        return result.stdout.split(separator: " ").first.map(String.init) ?? ""
    }

    @Test(arguments: [
        "", "abc", "{}/{kind=\"pd\"}:{alertname=\"DBDown\"}",
        String(repeating: "a", count: 55), String(repeating: "b", count: 56), String(repeating: "c", count: 64),
        String(repeating: "é", count: 1000), "hello\nworld\u{1F600}",
    ])
    func matchesSha256sum(_ text: String) throws {
        #expect(SHA256.hex(text) == (try Self.sha256sum(text)))
    }

    @Test func referenceDedupKey() {
        // notifications-spec §2: the dedup key Alertmanager 0.25 sent for this group.
        #expect(SHA256.hex("{}/{kind=\"pd\"}:{alertname=\"DBDown\"}")
            == "95e1fc9d35848783e6b84ad177ecea6deb47b62045ffda8b9fe679bfb44f59f9")
    }
}
