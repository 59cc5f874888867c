import Daemon
import Foundation
import Model
import Remote
import Testing

/// `remote_write:` in binwatch.yml: read through the one YAML layer, tied to the WAL.
@Suite struct RemoteWriteConfigLoaderTests {
    @Test func remoteWriteNeedsTheWriteAheadLog() throws {
        let text = """
            global: {external_labels: {site: plant-1}}
            remote_write:
              - url: http://central:9090/api/v1/write
            """
        do {
            _ = try ConfigLoader(environment: [:]).load(text: text, path: "/tmp/x/binwatch.yml")
            Issue.record("expected an error")
        } catch {
            let lines = error.configErrors.map(\.description)
            #expect(lines.contains {
                $0.hasPrefix("/tmp/x/binwatch.yml:3:3: remote_write: expected state.path to be set: remote write sends from the write-ahead log")
            }, "\(lines)")
        }
    }

    @Test func anEntryIsDecodedBesideTheExternalLabels() throws {
        let loaded = try ConfigLoader(environment: ["TOKEN": "t0ken-value"]).load(text: """
            global: {external_labels: {site: plant-1}}
            state: {path: /tmp/x/state.sqlite}
            remote_write:
              - url: http://central:9090/api/v1/write
                name: central
                authorization: {credentials: "${TOKEN}"}
            """, path: "/tmp/x/binwatch.yml")
        let entry = try #require(loaded.config.remoteWrite.first)
        #expect(entry.name == "central")
        #expect(entry.authorization?.reveal() == "Bearer t0ken-value")
        #expect(loaded.config.global.externalLabels == ["site": "plant-1"])
        #expect(Scheduler.remoteWriteDirectory(forState: "/tmp/x/state.sqlite") == "/tmp/x/remote_write")
    }

    @Test func badEntriesAreReportedWithEveryOtherError() throws {
        let text = """
            state: {path: /tmp/x/state.sqlite}
            remote_write:
              - url: http://a/
                basic_auth: {username: u, password: pa55word-secret}
                bearer_token: b3arer-secret
              - name: no-url
            """
        do {
            _ = try ConfigLoader(environment: [:]).load(text: text, path: "/tmp/x/binwatch.yml")
            Issue.record("expected errors")
        } catch {
            let lines = error.configErrors.map(\.description)
            #expect(lines.count == 2, "\(lines)")
            #expect(lines.contains { $0.contains("remote_write[1].url: expected the receiver's URL") }, "\(lines)")
            #expect(lines.contains { $0.contains("at most one of basic_auth, authorization, bearer_token & bearer_token_file") })
            #expect(!lines.joined().contains("pa55word") && !lines.joined().contains("b3arer"))
        }
    }
}
