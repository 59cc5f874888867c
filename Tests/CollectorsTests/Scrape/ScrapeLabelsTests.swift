@testable import Collectors
import Model
import Testing

/// Prometheus's `mutateSampleLabels` cases (scrape/scrape_test.go's TestScrapeLoopSampleLabels… shapes).
@Suite struct ScrapeLabelsTests {
    static let target = Labels(["job": "j", "instance": "h:1", "zone": "z1"])

    @Test(arguments: [
        // sample labels, honor, expected
        (["a": "1"], false, ["a": "1", "job": "j", "instance": "h:1", "zone": "z1"]),
        (["job": "x"], false, ["job": "j", "instance": "h:1", "zone": "z1", "exported_job": "x"]),
        (["job": "x", "exported_job": "y"], false,
         ["job": "j", "instance": "h:1", "zone": "z1", "exported_job": "y", "exported_exported_job": "x"]),
        (["job": "x"], true, ["job": "x", "instance": "h:1", "zone": "z1"]),
        (["zone": ""], false, ["job": "j", "instance": "h:1", "zone": "z1"]),
        // Model's Labels holds no empty values ({zone=""} is no label), so honor_labels fills the gap.
        (["zone": "", "a": ""], true, ["job": "j", "instance": "h:1", "zone": "z1"]),
    ])
    func merge(sample: [String: String], honor: Bool, expected: [String: String]) {
        #expect(ScrapeLabels.merge(sample: Labels(sample), target: Self.target, honorLabels: honor) == Labels(expected))
    }
}
