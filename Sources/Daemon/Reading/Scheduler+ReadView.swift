import Exposition

extension Scheduler {
    /// Publishes what readers see, after every change they may ask about (a cycle, a
    /// reload, a health pass). Readers never call into the actor.
    func publishReadView() {
        // Sources a reload removed drop out, as Prometheus forgets a removed target's cache.
        let configured = Set(runtime.sources.map(\.name))
        readView.publish(ReadView(
            store: store, alerts: activeAlerts(), groups: groupStatuses(), health: health, metricFamilies: selfMetricFamilies(),
            metadata: lastMetadata.filter { configured.contains($0.key) }, daemon: daemonStatus(), isReady: isReady,
            lifecycleEnabled: runtime.config.web.enableLifecycle))
    }
}

extension Scheduler {
    /// Self metrics, health status and the notification pipeline's metrics (`/metrics`).
    func selfMetricFamilies() -> [MetricFamily] {
        var families = metrics.families(groups: runtime.groups) + historyFamilies()  // binwatch_tsdb_*
        if let health { families.append(health.family) }
        families += sinkMetricFamilies()  // binwatch_notification*
        return families
    }
}
