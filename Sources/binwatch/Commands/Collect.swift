import ArgumentParser
import Collectors
import Exposition
import Foundation
import Model

extension Binwatch {
    /// `binwatch collect`: one pass over every configured source, printed as text exposition.
    ///
    /// A source that is down still prints (`pg_up 0`) and the exit status stays 0, as a
    /// scrape would; only a configuration that cannot be used exits 1.
    struct Collect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Query every configured source once and print the samples as Prometheus text.",
            discussion: """
                Errors of single queries and unreachable sources are reported on standard error; \
                the exit status is 0 unless the configuration is invalid (then 1, with file:line:col).
                """)

        @Option(name: .long, help: "The binwatch configuration file.")
        var config: String = "binwatch.yml"

        func run() async throws {
            let sources: [any Source]
            switch Self.loadSources(configPath: config) {
            case .success(let loaded): sources = loaded
            case .failure(let problems):
                for problem in problems.messages { Self.warn(problem) }
                throw ExitCode(1)
            }

            let timestamp = Timestamp(seconds: Date().timeIntervalSince1970)
            // Every source on its own task (and libpq session or transfer thread), so one slow
            // database or target never delays the others.
            let results = await withTaskGroup(of: (Int, [MetricFamily]).self) { group in
                for (index, source) in sources.enumerated() {
                    group.addTask { (index, await Self.collect(source, at: timestamp)) }
                }
                var byIndex: [Int: [MetricFamily]] = [:]
                for await (index, families) in group { byIndex[index] = families }
                return sources.indices.compactMap { byIndex[$0] }
            }

            for source in sources {
                if let postgres = source as? PostgresSource { await postgres.close() }
                if let statistics = source as? StatisticsSource { await statistics.close() }
                if let probe = source as? PutawayProbeSource { await probe.close() }
            }

            do {
                print(try TextEncoder().encode(results.flatMap { $0 }), terminator: "")
            } catch {
                Self.warn("cannot print the collected samples: \(error)")
                throw ExitCode(1)
            }
        }

        /// One pass over `source`; what went wrong is reported on standard error, in as much
        /// detail as the source gives (a PostgreSQL source names each failed query).
        static func collect(_ source: any Source, at timestamp: Timestamp) async -> [MetricFamily] {
            // A one-off pass has no later pass to show background results in: the statistics
            // source waits for its analyses here.
            if let statistics = source as? StatisticsSource {
                let report = await statistics.collectReport(at: timestamp)
                for error in report.errors { warn("sources.statistics: \(error)") }
                return report.families
            }
            if let scrape = source as? ScrapeSource {
                let report = await scrape.collectReport(at: timestamp)
                for target in report.targets {
                    guard let error = target.error else { continue }
                    warn("scrape job \"\(scrape.name)\", target \(target.instance): up 0: \(error)")
                }
                return report.families
            }
            if let probe = source as? PutawayProbeSource {
                let report = await probe.collectReport(at: timestamp)
                for problem in report.problems { warn("probe \(probe.name): \(problem)") }
                return report.families
            }
            guard let postgres = source as? PostgresSource else {
                do {
                    return try await source.collect(at: timestamp)
                } catch {
                    warn("source \"\(source.name)\": \(error)")
                    return []
                }
            }
            let report = await postgres.collectReport(at: timestamp)
            if let error = report.connectionError { warn("source \"\(source.name)\": cannot connect: \(error)") }
            for error in report.errors where !error.isConnectionFailure || report.up {
                warn("source \"\(source.name)\": \(error)")
            }
            return report.families
        }

        struct Problems: Error { var messages: [String] }

        /// Reads the config and collector files and builds every source through Collectors'
        /// factory (the one the daemon uses too).
        static func loadSources(configPath: String) -> Result<[any Source], Problems> {
            let loaded: SourcesLoader.LoadedSources
            do {
                loaded = try SourcesLoader.loadAll(configPath: configPath, environment: ProcessInfo.processInfo.environment)
            } catch {
                return .failure(Problems(messages: error.errors.map(\.description)))
            }
            // Say so rather than drop them silently.
            for kind in loaded.notDecoded { warn("\(kind): not collected by binwatch collect") }
            do {
                return .success(try loaded.makeSources())
            } catch {
                return .failure(Problems(messages: error.errors.map(\.description)))
            }
        }

        static func warn(_ message: String) {
            FileHandle.standardError.write(Data("binwatch collect: \(message)\n".utf8))
        }
    }
}
