import Model
import PromQL

extension Scheduler {
    /// An engine bound by `query:` for what runs on the scheduler: rule groups (their
    /// template `query` calls included) and health checks. The deadline starts now and
    /// covers one group's evaluation or one health pass, so a pathological rule fails
    /// with "query timed out in expression evaluation" instead of stopping every cycle.
    func limitedEngine() -> Engine {
        let limits = runtime.config.query
        var engine = Engine(lookbackDelta: limits.lookbackDelta.milliseconds, maxSamples: limits.maxSamples)
        let deadline = ContinuousClock.now + .milliseconds(limits.timeout.milliseconds)
        engine.interruption = QueryInterruption { ContinuousClock.now >= deadline ? .timeout : nil }
        return engine
    }
}
