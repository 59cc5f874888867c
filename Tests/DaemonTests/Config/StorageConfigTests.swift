import Daemon
import Foundation
import Model
import Storage
import Testing

/// `storage:`: defaults, accepted values, and errors with file:line:col.
@Suite struct StorageConfigTests {
    @Test func defaultsAndValues() throws {
        let loader = ConfigLoader(environment: [:])
        let plain = try loader.load(text: "state: {path: /tmp/s/state.sqlite}\n", path: "/tmp/x/binwatch.yml")
        #expect(plain.config.storage.fsync == .segment)
        #expect(plain.config.storage.checkpointInterval == PromDuration(seconds: 1800))
        #expect(plain.config.storage.segmentSize == 128 << 20)
        #expect(BinwatchConfig.Storage.directory(forState: "/tmp/s/state.sqlite") == "/tmp/s/wal")
        let tuned = try loader.load(text: """
            state: {path: state.sqlite}
            storage: {fsync: cycle, checkpoint_interval: 5m, segment_size: 1MiB}
            """, path: "/tmp/x/binwatch.yml")
        #expect(tuned.config.storage.fsync == .cycle)
        #expect(tuned.config.storage.checkpointInterval == PromDuration(seconds: 300))
        #expect(tuned.config.storage.segmentSize == 1 << 20)
    }

    @Test func errorsNameTheirPosition() throws {
        let text = """
            storage:
              fsync: sometimes
              checkpoint_interval: 0s
              segment_size: 10KiB
              colour: blue
            """
        do {
            _ = try ConfigLoader(environment: [:]).load(text: text, path: "/tmp/x/binwatch.yml")
            Issue.record("expected errors")
        } catch {
            let lines = error.configErrors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:2:10: storage.fsync: expected segment or cycle") })
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:3:24: storage.checkpoint_interval: expected a duration greater than 0s") })
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:4:17: storage.segment_size: expected a size from 64KiB to 1GiB") })
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:5:3: storage.colour: expected one of the keys") })
            #expect(error.configErrors.count == 4, "\(lines)")
        }
    }
}
