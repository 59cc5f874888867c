import ArgumentParser
import Collectors
import Exposition
import Foundation
import Model

extension Binwatch {
    /// `binwatch collect`: one pass over every configured source, printed as text exposition.
    ///
    /// A source that is down still prints (`pg_up 0`, `up 0`, `probe_success 0`) and the exit
    /// status stays 0, as a scrape would; only a configuration that cannot be used exits 1.
    struct Collect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Query every configured source once and print the samples as Prometheus text.",
            discussion: """
                Runs sources.postgres, sources.statistics, sources.scrape and sources.probes.putaway once each. Errors of \
                single queries, unreachable sources and targets, and failed probes are reported on standard \
                error; the exit status is 0 unless the configuration is invalid (then 1, with file:line:col).
                """)

        @Option(name: .long, help: "The binwatch configuration file.")
        var config: String = "binwatch.yml"

        func run() async throws {
            let sources: Sources
            switch Self.loadSources(configPath: config) {
            case .success(let loaded): sources = loaded
            case .failure(let problems):
                for problem in problems.messages { Self.warn(problem) }
                throw ExitCode(1)
            }

            let timestamp = Timestamp(seconds: Date().timeIntervalSince1970)
            // Every source on its own task (and libpq session or transfer thread), so one slow
            // database or target never delays the others.
            // The statistics source waits for its analyses here: a one-off pass has no later
            // pass to show background results in.
            async let statisticsReport = sources.statistics?.collectReport(at: timestamp)
            let outcomes = await withTaskGroup(of: (Int, Outcome).self) { group in
                for (index, source) in sources.postgres.enumerated() {
                    group.addTask { (index, .postgres(source, await source.collectReport(at: timestamp))) }
                }
                let scrapeBase = sources.postgres.count
                for (index, source) in sources.scrape.enumerated() {
                    group.addTask { (scrapeBase + index, .scrape(source, await source.collectReport(at: timestamp))) }
                }
                let probeBase = scrapeBase + sources.scrape.count
                for (index, source) in sources.probes.enumerated() {
                    group.addTask { (probeBase + index, .probe(source, await source.collectReport(at: timestamp))) }
                }
                var byIndex: [Int: Outcome] = [:]
                for await (index, outcome) in group { byIndex[index] = outcome }
                return byIndex.keys.sorted().compactMap { byIndex[$0] }
            }
            let analysed = await statisticsReport

            for source in sources.postgres { await source.close() }
            for source in sources.probes { await source.close() }
            await sources.statistics?.close()

            var families: [MetricFamily] = []
            for outcome in outcomes {
                switch outcome {
                case .postgres(let source, let report):
                    if let error = report.connectionError { Self.warn("source \"\(source.name)\": cannot connect: \(error)") }
                    for error in report.errors where !error.isConnectionFailure || report.up {
                        Self.warn("source \"\(source.name)\": \(error)")
                    }
                    families += report.families
                case .scrape(let source, let report):
                    for target in report.targets {
                        guard let error = target.error else { continue }
                        Self.warn("scrape job \"\(source.name)\", target \(target.instance): up 0: \(error)")
                    }
                    families += report.families
                case .probe(let source, let report):
                    for problem in report.problems { Self.warn("probe \(source.name): \(problem)") }
                    families += report.families
                }
            }
            if let analysed {
                for error in analysed.errors { Self.warn("sources.statistics: \(error)") }
                families += analysed.families
            }
            do {
                print(try TextEncoder().encode(families), terminator: "")
            } catch {
                Self.warn("cannot print the collected samples: \(error)")
                throw ExitCode(1)
            }
        }

        /// One source's pass.
        enum Outcome: Sendable {
            case postgres(PostgresSource, PostgresSource.CollectionReport)
            case scrape(ScrapeSource, ScrapeSource.CollectionReport)
            case probe(PutawayProbeSource, PutawayProbeSource.CollectionReport)
        }

        /// The runnable sources of a config.
        struct Sources {
            var postgres: [PostgresSource] = []
            var scrape: [ScrapeSource] = []
            var probes: [PutawayProbeSource] = []
            var statistics: StatisticsSource?
        }

        struct Problems: Error { var messages: [String] }

        /// Reads the config and collector files and builds one source per configured entry.
        static func loadSources(configPath: String) -> Result<Sources, Problems> {
            let loaded: SourcesLoader.LoadedSources
            do {
                loaded = try SourcesLoader.loadAll(configPath: configPath, environment: ProcessInfo.processInfo.environment)
            } catch {
                return .failure(Problems(messages: error.errors.map(\.description)))
            }
            // Say so rather than drop them silently.
            for kind in loaded.notDecoded { warn("\(kind): not collected by binwatch collect") }
            var sources = Sources()
            for entry in loaded.postgres {
                do {
                    sources.postgres.append(try entry.makeSource())
                } catch {
                    return .failure(Problems(messages: ["\(entry.config.location): sources.postgres: \(error)"]))
                }
            }
            if !loaded.statistics.isEmpty {
                do {
                    sources.statistics = try StatisticsSource.make(
                        analyses: loaded.statistics, postgres: loaded.postgres.map(\.config))
                } catch {
                    return .failure(Problems(messages: ["sources.statistics: \(error)"]))
                }
            }
            sources.scrape = loaded.config.scrape.map { ScrapeSource(config: $0) }
            for probe in loaded.config.probes.putaway {
                do {
                    sources.probes.append(try probe.makeSource(postgres: loaded.config.postgres))
                } catch {
                    return .failure(Problems(messages: ["\(probe.location): sources.probes.putaway: \(error)"]))
                }
            }
            return .success(sources)
        }

        static func warn(_ message: String) {
            FileHandle.standardError.write(Data("binwatch collect: \(message)\n".utf8))
        }
    }
}
