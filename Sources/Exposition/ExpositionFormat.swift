/// The two text exposition formats binwatch reads and writes.
public enum ExpositionFormat: String, Sendable, Hashable, CaseIterable {
    /// Prometheus text format 0.0.4 (`text/plain; version=0.0.4`): what node_exporter's
    /// textfile collector and `promtool check metrics` read.
    case prometheusText = "text"
    /// OpenMetrics 1.0 text (`application/openmetrics-text; version=1.0.0`): `# EOF` at the end,
    /// `# UNIT`, counters as `<family>_total`, float-second timestamps. It is the input of
    /// `promtool tsdb create-blocks-from openmetrics`.
    case openMetrics = "openmetrics"
}
