/// binwatch's own version (`binwatch --version`, the build info API, self metrics).
public enum BinwatchVersion {
    public static let current = "0.1.0"

    /// The Prometheus HTTP API release binwatch answers as. `/api/v1/status/buildinfo` reports
    /// it as `version`, because Grafana's Prometheus data source picks the API features it
    /// uses from that field (VictoriaMetrics answers the same way for the same reason).
    public static let prometheusAPI = "2.42.0"
}
