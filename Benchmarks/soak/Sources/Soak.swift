import ArgumentParser
import Daemon
import Exposition
import Foundation
import GRDB
import Logging
import Model
import Notify

/// The soak (issue 11): N daemon cycles on simulated time, with a source whose series churn and
/// alerts that flap, through the whole daemon path: `Scheduler.runDue` (gather, rule groups,
/// health, textfile and SQLite state every cycle), the notification pipeline (dispatcher,
/// SQLite outbox and notification log, real libcurl deliveries to a loopback receiver) and the
/// pipeline's garbage collection once a simulated minute. Samples memory and store sizes every
/// K cycles and fails when memory or any store grows. scripts/soak.sh runs it.
@main
struct Soak: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "binwatch-soak", abstract: "Soak the daemon on simulated time.")

    @Option(help: "The soak's binwatch.yml (Benchmarks/soak/config/binwatch.yml).") var config: String
    @Option(help: "Cycles to run.") var cycles = 100_000
    @Option(help: "Sample every K cycles (default: cycles / 50).") var sampleEvery: Int?
    @Option(help: "Cycles before the first half's store ceilings are taken (default: cycles / 10).") var warmup: Int?
    @Option(help: "Allowed RSS rise over the second half, MiB.") var rssToleranceMib = 2.0
    @Option(help: "Live bins.") var slots = 200
    @Option(help: "Cycles a bin id lives.") var lifetime = 100
    @Option(help: "Docks whose queues flap.") var docks = 4
    @Option(help: "Write the figures as JSON here (docs/PERFORMANCE.md's format).") var benchJson: String?

    func run() async throws {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
        var logger = Logger(label: "binwatch")
        logger.logLevel = .warning
        let loaded: LoadedConfig
        do {
            loaded = try ConfigLoader().load(path: config)
        } catch {
            throw ValidationError("configuration rejected:\n\(error)")
        }
        guard let statePath = loaded.config.state.path, loaded.config.notify != nil else {
            throw ValidationError("the soak config needs state.path and alerting:")
        }
        let every = max(1, sampleEvery ?? cycles / 50)
        let warm = warmup ?? cycles / 10
        let interval = loaded.config.global.evaluationInterval
        let start = Timestamp(milliseconds: 1_700_000_000_000)
        let clock = SimulatedClock(start)
        let source = ChurningSource(
            start: start, intervalMilliseconds: interval.milliseconds, slots: slots, lifetime: lifetime, docks: docks)
        let scheduler = Scheduler(loaded, extraSources: [source], clock: clock, logger: logger)
        await scheduler.openState()
        // Backoff as in production; the clock compresses its waits.
        guard let pipeline = await scheduler.connectNotifications(clock: clock, policy: RetryPolicy()) else {
            throw ValidationError("alerting: did not build a notification pipeline")
        }
        // Read-write, as binwatch opens it (a read-only open of a live WAL database depends on
        // its -shm file being there); the soak only reads through it.
        let reader = try DatabaseQueue(path: statePath)

        var samples: [SoakSample] = []
        var flaps = FlapCounter()
        var lastGC = start
        let wall = ContinuousClock()
        let began = wall.now
        var lastSampleAt = began, lastSampleCycle = 0
        say("soak: \(cycles) cycles of \(interval) (\(String(format: "%.1f", Double(cycles) * interval.seconds / 86_400)) simulated days), "
              + "\(slots) live bins renewed every \(lifetime) cycles, \(docks) flapping docks; sample every \(every) cycles")
        say(SoakSample.header.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined())
        for cycle in 0..<cycles {
            let time = start + PromDuration(milliseconds: Int64(cycle) * interval.milliseconds)
            clock.set(time)
            await scheduler.runDue(at: time)
            let service = pipeline.service
            await service.dispatcher.flushDue(at: time)
            await service.delivery.waitUntilIdle()
            // NotificationPipeline.maintain() does this once a minute of its clock.
            if (time - lastGC).milliseconds >= 60_000 {
                pipeline.garbageCollect(at: time)
                lastGC = time
            }
            flaps.observe(await scheduler.activeAlerts())
            if cycle % every == 0 || cycle == cycles - 1 {
                let now = wall.now
                let seconds = Self.seconds(now - lastSampleAt)
                let sample = try await Self.sample(
                    cycle: cycle, scheduler: scheduler, pipeline: pipeline, reader: reader, statePath: statePath,
                    cyclesPerSecond: seconds > 0 ? Double(cycle - lastSampleCycle) / seconds : 0)
                lastSampleAt = now
                lastSampleCycle = cycle
                samples.append(sample)
                say(sample.row.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined())
            }
        }
        let elapsed = Self.seconds(wall.now - began)
        let metrics = pipeline.service.metrics.snapshot()
        let attempts = metrics.notificationsTotal.values.reduce(0, +)
        let failures = metrics.failedTotal.values.reduce(0, +)
        let finalOutbox = samples.last?.outboxRows ?? -1
        var verdict = SoakVerdict(
            samples: samples, cycles: cycles, warmup: warm, rssToleranceMiB: rssToleranceMib, finalOutbox: finalOutbox)
        verdict.checks += flaps.checks(cycles: cycles)
        verdict.checks.append(.init(
            name: "deliveries", passed: attempts > 0 && failures == 0,
            detail: "\(attempts) notification requests, \(failures) failed, \(clock.sleeps) backoff waits"))

        let everSeen = slots * (cycles / lifetime + 1)
        let rssFirst = Double(samples.first?.rssKiB ?? 0) / 1024
        let rssWarm = Double(samples.first { $0.cycle >= warm }?.rssKiB ?? 0) / 1024
        let rssEnd = Double(samples.last?.rssKiB ?? 0) / 1024
        let rssPeak = Double(ProcessStatus.kilobytes("VmHWM")) / 1024
        say(String(format: "\n%d cycles in %.1f s: %.0f cycles/s; bin series ever seen %d, live %d", cycles, elapsed,
                     Double(cycles) / elapsed, everSeen, slots))
        say(String(format: "RSS first sample %.1f MiB, after warm-up (cycle %d) %.1f MiB, end %.1f MiB, peak (VmHWM) %.1f MiB",
                     rssFirst, warm, rssWarm, rssEnd, rssPeak))
        say("alerts: \(flaps.summary)")
        say("notifications: \(attempts) requests (\(metrics.notificationsTotal.map { "\($0.key.receiver)/\($0.key.integration) \($0.value)" }.sorted().joined(separator: ", ")))")
        for check in verdict.checks { say("\(check.passed ? "ok  " : "FAIL") \(check.name): \(check.detail)") }
        say("verdict: \(verdict.passed ? "PASS" : "FAIL")")
        if let benchJson {
            try Self.writeJSON(
                benchJson, cycles: cycles, cyclesPerSecond: Double(cycles) / elapsed, rss: (rssFirst, rssWarm, rssEnd, rssPeak),
                verdict: verdict, samples: samples, warm: warm)
        }
        if !verdict.passed { throw ExitCode(1) }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func sample(
        cycle: Int, scheduler: Scheduler, pipeline: NotificationPipeline, reader: DatabaseQueue, statePath: String,
        cyclesPerSecond: Double
    ) async throws -> SoakSample {
        let families = await scheduler.currentTextfileFamilies()
        func gauge(_ name: String) -> Int {
            Int(families.first { $0.name == name }?.samples.first?.value ?? -1)
        }
        let rows = try Probe.rows(reader)
        return SoakSample(
            cycle: cycle, rssKiB: ProcessStatus.kilobytes("VmRSS"), storeSeries: gauge("binwatch_series_store_series"),
            storeSamples: gauge("binwatch_series_store_samples"), activeAlerts: await scheduler.activeAlerts().count,
            dispatcherGroups: await pipeline.service.dispatcher.groupSummaries().count, outboxRows: rows.outbox,
            nflogRows: rows.nflog, alertStateRows: rows.alerts, silenceRows: rows.silences,
            stateBytes: Probe.fileBytes(statePath),
            walBytes: Probe.folderBytes(BinwatchConfig.Storage.directory(forState: statePath)), cyclesPerSecond: cyclesPerSecond)
    }
}

/// Writes a line to stdout unbuffered, so a piped run shows its samples as they come.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
