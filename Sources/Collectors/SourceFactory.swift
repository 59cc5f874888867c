public import Model
public import PostgresClient

extension SourcesLoader.LoadedSources {
    /// Every source the configuration names, ready to run: PostgreSQL sources, the statistics
    /// source, scrape jobs, then putaway probes; in file order within each kind.
    ///
    /// This is the one place where a decoded source kind becomes a `Source`: `binwatch
    /// collect` and the daemon both call it, so a kind added to `SourcesConfig` and built
    /// here runs in both without a change in either. Nothing is sent to a database until
    /// a source collects.
    /// - Parameter postgresOptions: libpq session options for the PostgreSQL sources.
    /// - Throws: `ConfigErrors` naming the entry whose source cannot be built (its
    ///   connection string, for instance); the message never holds the DSN.
    public func makeSources(postgresOptions: ConnectionOptions = ConnectionOptions()) throws(ConfigErrors) -> [any Source] {
        var sources: [any Source] = []
        var errors: [ConfigError] = []
        for (index, entry) in postgres.enumerated() {
            do {
                sources.append(try entry.makeSource(options: postgresOptions))
            } catch {
                errors.append(ConfigError(
                    location: entry.config.location, keyPath: "sources.postgres[\(index)]",
                    expected: "a PostgreSQL source binwatch can open", found: error.description))
            }
        }
        if !statistics.isEmpty {
            do {
                sources.append(try StatisticsSource.make(
                    analyses: statistics, postgres: postgres.map(\.config), options: postgresOptions))
            } catch {
                errors.append(ConfigError(
                    location: statistics[0].location, keyPath: "sources.statistics",
                    expected: "analyses over PostgreSQL sources binwatch can open", found: error.description))
            }
        }
        sources += config.scrape.map { ScrapeSource(config: $0) }
        for (index, probe) in config.probes.putaway.enumerated() {
            do {
                sources.append(try probe.makeSource(postgres: postgres.map(\.config), options: postgresOptions))
            } catch {
                errors.append(ConfigError(
                    location: probe.location, keyPath: "sources.probes.putaway[\(index)]",
                    expected: "a putaway probe over PostgreSQL sources binwatch can open", found: error.description))
            }
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        return sources
    }
}
