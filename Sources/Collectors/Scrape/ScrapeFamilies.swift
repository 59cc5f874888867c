import Exposition
import Model

/// The scraped families of one job, merged by name across its targets so each family is
/// written once; a target whose page would clash with what is already there is refused.
struct FamilyMerger {
    private(set) var families: [MetricFamily] = []
    private var index: [String: Int] = [:]
    private var series: Set<SeriesKey> = []

    /// Why `incoming` cannot be merged (a family of another type, a report series' name, or
    /// a series already given by another target), or nil.
    func conflict(with incoming: [MetricFamily]) -> String? {
        for family in incoming {
            if ReportFamilies.names.contains(family.name) {
                return "the page exposes \(family.name), a name binwatch reserves for the scrape's own series"
            }
            if let at = index[family.name], families[at].type != family.type {
                return "family \(family.name) is a \(family.type.rawValue) here but a \(families[at].type.rawValue) at another target"
            }
            for sample in family.samples where series.contains(SeriesKey(name: sample.name, labels: sample.labels)) {
                return "series \(sample.name)\(sample.labels) is also exposed by another target of the job"
            }
        }
        return nil
    }

    mutating func add(_ incoming: [MetricFamily]) {
        for family in incoming {
            for sample in family.samples { series.insert(SeriesKey(name: sample.name, labels: sample.labels)) }
            if let at = index[family.name] {
                families[at].samples += family.samples
                if families[at].help == nil { families[at].help = family.help }
            } else {
                index[family.name] = families.count
                families.append(family)
            }
        }
    }
}

/// Prometheus's per-target report series (scrape/scrape.go `scrapeHealthMetricName` …).
struct ReportFamilies {
    static let names: Set<String> = ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_series_added"]

    private var up = MetricFamily(
        name: "up", help: "1 if the target was scraped and its page parsed, 0 otherwise.", type: .gauge)
    private var duration = MetricFamily(
        name: "scrape_duration_seconds", help: "How long scraping the target took, in seconds.", type: .gauge)
    private var scraped = MetricFamily(
        name: "scrape_samples_scraped", help: "Samples the target exposed in the last scrape.", type: .gauge)
    private var added = MetricFamily(
        name: "scrape_series_added", help: "Series new since the target's previous successful scrape.", type: .gauge)

    mutating func add(labels: Labels, up isUp: Bool, duration elapsed: Duration, scraped count: Int, added new: Int) {
        up.samples.append(MetricSample(name: up.name, labels: labels, value: isUp ? 1 : 0))
        let (seconds, attoseconds) = elapsed.components
        duration.samples.append(MetricSample(
            name: duration.name, labels: labels, value: Double(seconds) + Double(attoseconds) / 1e18))
        scraped.samples.append(MetricSample(name: scraped.name, labels: labels, value: Double(count)))
        added.samples.append(MetricSample(name: added.name, labels: labels, value: Double(new)))
    }

    var families: [MetricFamily] { [up, duration, scraped, added] }
}
