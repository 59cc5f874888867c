public import Exposition
import Foundation
public import HTTPClient
public import Model
import Synchronization

/// One `sources.scrape` job: every target scraped concurrently each cycle, its page parsed
/// with Exposition's `TextParser`, `job` and `instance` added, and Prometheus's report series
/// per target: `up`, `scrape_duration_seconds`, `scrape_samples_scraped`, `scrape_series_added`.
///
/// A target that does not answer in `scrape_timeout`, answers with a non-2xx status, or
/// serves a page the parser rejects gives `up 0` and an error in the report (with the
/// page's line:col); the other targets are not delayed by it.
public final class ScrapeSource: Source {
    /// What one target gave this cycle.
    public struct TargetReport: Sendable {
        /// `host:port`, the `instance` label.
        public var instance: String
        /// The value of `up`.
        public var up: Bool
        /// Why `up` is 0: `scheme://host:port`, then the status, the transport error or the
        /// parser's `line:col: message` lines. Never the path or query.
        public var error: String?
        /// Time from sending the request to the parsed page.
        public var duration: Duration
    }

    /// What one pass gathered.
    public struct CollectionReport: Sendable {
        /// Scraped families with target labels, then the report families.
        public var families: [MetricFamily]
        /// One entry per target, in config order.
        public var targets: [TargetReport]
        /// The metadata of the targets that were up, each distinct entry once, in target
        /// then page order (Prometheus's API merges its targets' caches as a set).
        public var metadata: [MetricMetadata] = []
    }

    /// The job name.
    public var name: String { config.jobName }
    /// The job's configuration.
    public let config: ScrapeJobConfig
    private let transport: any HTTPTransport
    /// Series seen at each target's last successful scrape, for `scrape_series_added`.
    private let lastSeries: Mutex<[Int: Set<SeriesKey>]>

    /// - Parameters:
    ///   - config: the decoded `sources.scrape` entry.
    ///   - transport: libcurl in production.
    public init(config: ScrapeJobConfig, transport: any HTTPTransport = CurlHTTPClient()) {
        self.config = config
        self.transport = transport
        self.lastSeries = Mutex([:])
    }

    /// The families of one pass; never throws (a failed target is `up 0`).
    public func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
        await collectReport(at: timestamp).families
    }

    /// The families, with each target that is down as a problem.
    public func gather(at timestamp: Timestamp) async throws -> SourceCollection {
        let report = await collectReport(at: timestamp)
        return SourceCollection(
            families: report.families, problems: report.targets.compactMap(\.error), metadata: report.metadata)
    }

    /// Scrapes every target at once and assembles their families.
    public func collectReport(at timestamp: Timestamp) async -> CollectionReport {
        let results = await withTaskGroup(of: (Int, TargetResult).self) { group in
            for (index, target) in config.targets.enumerated() {
                group.addTask { (index, await self.scrape(target)) }
            }
            var byIndex: [Int: TargetResult] = [:]
            for await (index, result) in group { byIndex[index] = result }
            return config.targets.indices.compactMap { byIndex[$0] }
        }
        var families = FamilyMerger()
        var reports: [TargetReport] = []
        var report = ReportFamilies()
        var metadata: [MetricMetadata] = []
        var metadataSeen = Set<MetricMetadata>()
        for (index, (target, result)) in zip(config.targets, results).enumerated() {
            let targetLabels = labels(of: target)
            var up = result.error == nil
            var error = result.error
            var samples: [MetricFamily] = []
            var seen = Set<SeriesKey>()
            var scraped = 0
            if up {
                for family in result.families {
                    scraped += family.samples.count
                    var relabelled = family
                    relabelled.samples = family.samples.map { sample in
                        var copy = sample
                        copy.labels = ScrapeLabels.merge(sample: sample.labels, target: targetLabels, honorLabels: config.honorLabels)
                        seen.insert(SeriesKey(name: copy.name, labels: copy.labels))
                        return copy
                    }
                    samples.append(relabelled)
                }
                if let clash = families.conflict(with: samples) {
                    up = false
                    error = "\(result.origin): \(clash)"
                    samples = []
                }
            }
            let added: Int
            if up {
                added = lastSeries.withLock { last in
                    let previous = last[index] ?? []
                    last[index] = seen
                    return seen.subtracting(previous).count
                }
                families.add(samples)
                for entry in result.metadata where metadataSeen.insert(entry).inserted { metadata.append(entry) }
            } else {
                added = 0
            }
            report.add(
                labels: targetLabels, up: up, duration: result.duration, scraped: up ? scraped : 0, added: added)
            reports.append(TargetReport(instance: target.address, up: up, error: error, duration: result.duration))
        }
        return CollectionReport(families: families.families + report.families, targets: reports, metadata: metadata)
    }

    /// `job`, `instance` and the static labels of `target` (static labels may not override
    /// `job`/`instance`: Prometheus sets those two last unless relabelling changed them).
    func labels(of target: ScrapeJobConfig.Target) -> Labels {
        var out = target.labels
        out.set("job", to: config.jobName)
        out.set("instance", to: target.address)
        return out
    }

    /// The URL of `target`: scheme, address, metrics_path and params.
    func url(of target: ScrapeJobConfig.Target) -> String {
        var url = "\(config.scheme)://\(target.address)\(config.metricsPath)"
        var query: [String] = []
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#")
        for (name, values) in config.params {
            let key = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
            for value in values { query.append("\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)") }
        }
        if !query.isEmpty { url += "?" + query.joined(separator: "&") }
        return url
    }

    private func scrape(_ target: ScrapeJobConfig.Target) async -> TargetResult {
        let timeout = Duration.milliseconds(config.scrapeTimeout.milliseconds)
        let seconds = Double(config.scrapeTimeout.milliseconds) / 1000
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: "text/plain;version=0.0.4")
        headers.add(name: "X-Prometheus-Scrape-Timeout-Seconds", value: String(seconds))
        headers.add(name: "User-Agent", value: "binwatch")
        let request = HTTPRequest(
            method: .get, url: url(of: target), headers: headers, connectTimeout: timeout, timeout: timeout,
            followRedirects: true)
        let origin = request.redactedOrigin
        let clock = ContinuousClock()
        let start = clock.now
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return TargetResult(origin: origin, duration: clock.now - start, error: "\(origin): \(error.message)")
        }
        guard response.isSuccess else {
            return TargetResult(
                origin: origin, duration: clock.now - start, error: "\(origin): server returned HTTP status \(response.status)")
        }
        let contentType = response.headers["Content-Type"]?.lowercased() ?? ""
        let format: ExpositionFormat = contentType.hasPrefix("application/openmetrics-text") ? .openMetrics : .prometheusText
        do {
            let page = try TextParser(format: format, maxErrors: 20).parseExposition(response.body)
            return TargetResult(
                origin: origin, families: page.families, metadata: page.metadata, duration: clock.now - start)
        } catch {
            // line:col of the page, as the parser reports them; the URL's path and query stay out.
            let lines = error.errors.map { "\(origin): invalid exposition at \($0.line):\($0.column): \($0.message)" }
            return TargetResult(origin: origin, duration: clock.now - start, error: lines.joined(separator: "\n"))
        }
    }
}

/// A series by sample name and labels (after target labels were applied).
struct SeriesKey: Hashable, Sendable {
    var name: String
    var labels: Labels
}

/// What scraping one target gave, before labels are applied.
struct TargetResult: Sendable {
    var origin: String
    var families: [MetricFamily] = []
    var metadata: [MetricMetadata] = []
    var duration: Duration
    var error: String?
}
