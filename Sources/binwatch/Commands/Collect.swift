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
            let sources: [PostgresSource]
            let statistics: StatisticsSource?
            switch Self.loadSources(configPath: config) {
            case .success(let loaded): (sources, statistics) = loaded
            case .failure(let problems):
                for problem in problems.messages { Self.warn(problem) }
                throw ExitCode(1)
            }

            let timestamp = Timestamp(seconds: Date().timeIntervalSince1970)
            // Every source on its own task (and libpq session thread), so one slow database
            // never delays the others.
            // The statistics source waits for its analyses here: a one-off pass has no later
            // pass to show background results in.
            async let statisticsReport = statistics?.collectReport(at: timestamp)
            let reports = await withTaskGroup(of: (Int, PostgresSource.CollectionReport).self) { group in
                for (index, source) in sources.enumerated() {
                    group.addTask { (index, await source.collectReport(at: timestamp)) }
                }
                var byIndex: [Int: PostgresSource.CollectionReport] = [:]
                for await (index, report) in group { byIndex[index] = report }
                return sources.indices.compactMap { byIndex[$0] }
            }
            let analysed = await statisticsReport

            for source in sources { await source.close() }
            await statistics?.close()

            var families: [MetricFamily] = []
            for (source, report) in zip(sources, reports) {
                if let error = report.connectionError { Self.warn("source \"\(source.name)\": cannot connect: \(error)") }
                for error in report.errors where !error.isConnectionFailure || report.up {
                    Self.warn("source \"\(source.name)\": \(error)")
                }
                families += report.families
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

        struct Problems: Error { var messages: [String] }

        /// Reads the config and collector files and builds one source per `sources.postgres` entry,
        /// plus the statistics source when `sources.statistics` has analyses.
        static func loadSources(configPath: String) -> Result<([PostgresSource], StatisticsSource?), Problems> {
            let loaded: SourcesLoader.LoadedSources
            do {
                loaded = try SourcesLoader.loadAll(configPath: configPath, environment: ProcessInfo.processInfo.environment)
            } catch {
                return .failure(Problems(messages: error.errors.map(\.description)))
            }
            // Say so rather than drop them silently: only PostgreSQL sources and statistics run here so far.
            for kind in loaded.notDecoded {
                warn("\(kind): not collected by binwatch collect (only sources.postgres and sources.statistics are)")
            }
            var sources: [PostgresSource] = []
            for entry in loaded.postgres {
                do {
                    sources.append(try entry.makeSource())
                } catch {
                    return .failure(Problems(messages: ["\(entry.config.location): sources.postgres: \(error)"]))
                }
            }
            var statistics: StatisticsSource?
            if !loaded.statistics.isEmpty {
                do {
                    statistics = try StatisticsSource.make(
                        analyses: loaded.statistics, postgres: loaded.postgres.map(\.config))
                } catch {
                    return .failure(Problems(messages: ["sources.statistics: \(error)"]))
                }
            }
            return .success((sources, statistics))
        }

        static func warn(_ message: String) {
            FileHandle.standardError.write(Data("binwatch collect: \(message)\n".utf8))
        }
    }
}
