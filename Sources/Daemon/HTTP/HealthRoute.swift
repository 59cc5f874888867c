/// The seeds' health document over HTTP: 200 when HEALTHY or DEGRADED (still serving),
/// 503 when UNHEALTHY or before the first check, so `curl -f` fails as health-check.sh would.
enum HealthRoute {
    static func response(_ report: HealthReport?) -> (Int, String) {
        guard let report else {
            return (503, "{\"status\":\"UNHEALTHY\",\"checks\":{},\"message\":\"no gathering pass has completed yet\"}")
        }
        return (report.status == .unhealthy ? 503 : 200, report.json)
    }
}
