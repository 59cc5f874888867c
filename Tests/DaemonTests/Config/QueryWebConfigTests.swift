import Daemon
import Model
import Testing

/// `query:` and the `web:` keys of issue 16: Prometheus's defaults, and every bad value
/// reported with file:line:col.
@Suite struct QueryWebConfigTests {
    @Test func defaultsArePrometheus() throws {
        let loaded = try ConfigLoader(environment: [:]).load(text: "global: {}\n", path: "/tmp/x/binwatch.yml")
        #expect(loaded.config.query.timeout == PromDuration(seconds: 120))
        #expect(loaded.config.query.maxSamples == 50_000_000)
        #expect(loaded.config.query.maxConcurrency == 20)
        #expect(loaded.config.query.lookbackDelta == PromDuration(seconds: 300))
        #expect(loaded.config.web.enableLifecycle == false)
    }

    @Test func decodesEveryKey() throws {
        let text = """
            query: {timeout: 30s, max_samples: 1_000_000, max_concurrency: 4, lookback_delta: 2m}
            web: {enable_lifecycle: true}
            """
        let loaded = try ConfigLoader(environment: [:]).load(text: text, path: "/tmp/x/binwatch.yml")
        #expect(loaded.config.query.timeout == PromDuration(seconds: 30))
        #expect(loaded.config.query.maxSamples == 1_000_000)
        #expect(loaded.config.query.maxConcurrency == 4)
        #expect(loaded.config.query.lookbackDelta == PromDuration(seconds: 120))
        #expect(loaded.config.web.enableLifecycle)
    }

    @Test func reportsEveryBadValue() throws {
        let text = """
            query:
              timeout: 0s
              max_samples: lots
              max_concurrency: 0
              lookback: 5m
            web:
              enable_lifecycle: yes please
            """
        do {
            _ = try ConfigLoader(environment: [:]).load(text: text, path: "/tmp/x/binwatch.yml")
            Issue.record("expected errors")
        } catch {
            let lines = error.configErrors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:2:12: query.timeout: expected a duration greater than 0s") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:3:16: query.max_samples: expected an integer of at least 1") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:4:20: query.max_concurrency: expected an integer of at least 1") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:5:3: query.lookback: expected one of the keys") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:7:21: web.enable_lifecycle: expected true or false") }, "\(lines)")
            #expect(error.configErrors.count == 5)
        }
    }
}
