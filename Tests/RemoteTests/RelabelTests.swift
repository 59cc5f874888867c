import ConfigYAML
import Model
@testable import Remote
import Testing

/// `write_relabel_configs` as Prometheus's relabel package applies them (expected results
/// from its semantics: anchored regexes, `$1` expansion, empty result deletes the target).
@Suite struct RelabelTests {
    static let series = Labels(["__name__": "wh_putaways_total", "facility": "F1", "zone": "A", "site": "plant-1"])

    func configs(_ yaml: String) throws -> [RelabelConfig] {
        let diagnostics = ConfigDiagnostics(file: "binwatch.yml")
        let root = try #require(diagnostics.root(of: yaml, expected: "a list"))
        let decoded = RemoteWriteConfig.decodeRelabelConfigs(root)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        return decoded
    }

    @Test(arguments: [
        // keep/drop on the joined source labels, anchored.
        ("[{source_labels: [__name__], regex: 'wh_.*', action: keep}]", "facility=F1,site=plant-1,zone=A"),
        ("[{source_labels: [__name__], regex: 'wh', action: keep}]", "dropped"),
        ("[{source_labels: [facility, zone], regex: 'F1;A', action: drop}]", "dropped"),
        // replace with a capture group and the default replacement.
        ("[{source_labels: [facility], regex: 'F(.*)', target_label: facility_no}]", "facility=F1,facility_no=1,site=plant-1,zone=A"),
        ("[{source_labels: [facility], regex: '(F)(.*)', target_label: x, replacement: '${2}-$1'}]", "facility=F1,site=plant-1,x=1-F,zone=A"),
        // An empty result removes the target; a non-matching regex changes nothing.
        ("[{source_labels: [nope], target_label: zone}]", "facility=F1,site=plant-1"),
        ("[{source_labels: [facility], regex: 'G.*', target_label: zone, replacement: x}]", "facility=F1,site=plant-1,zone=A"),
        ("[{regex: 'zone|site', action: labeldrop}]", "facility=F1"),
        ("[{regex: '__name__|facility', action: labelkeep}]", "facility=F1"),
        ("[{regex: '(fac.*)', replacement: 'copy_$1', action: labelmap}]", "copy_facility=F1,facility=F1,site=plant-1,zone=A"),
        ("[{source_labels: [facility], target_label: lower, action: lowercase}]", "facility=F1,lower=f1,site=plant-1,zone=A"),
        // md5("plant-1")'s last 8 bytes big-endian mod 7 = 5 (Python hashlib as the reference).
        ("[{source_labels: [site], target_label: shard, modulus: 7, action: hashmod}]", "facility=F1,shard=5,site=plant-1,zone=A"),
        ("[{source_labels: [facility], target_label: zone, action: keepequal}]", "dropped"),
        ("[{source_labels: [facility], target_label: zone, action: dropequal}]", "facility=F1,site=plant-1,zone=A"),
    ])
    func relabels(yaml: String, expected: String) throws {
        let result = Relabeling.process(Self.series, try configs(yaml))
        let text = result.map { labels in
            labels.filter { $0.name != "__name__" }.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        } ?? "dropped"
        #expect(text == expected)
    }

    @Test func hashmodMatchesGoForOtherValues() {
        // Python: int.from_bytes(md5(v).digest()[8:], 'big')
        #expect(MD5.sum64("foo") == 17_145_033_699_835_028_696)
        #expect(MD5.sum64("a;b") == 2_420_134_994_223_480_074)
    }

    @Test(arguments: [
        ("[{action: replace}]", "relabel configuration for replace action requires 'target_label' value"),
        ("[{action: hashmod, target_label: x}]", "relabel configuration for hashmod requires non-zero modulus"),
        ("[{action: replace, target_label: '1bad'}]", "\"1bad\" is invalid 'target_label' for replace action"),
        ("[{action: labeldrop, regex: x, source_labels: [a]}]", "labeldrop action requires only 'regex', and no other fields"),
        ("[{action: keepequal, target_label: x, regex: y}]", "keepequal action requires only 'source_labels' and `target_label`, and no other fields"),
        ("[{action: explode}]", "unknown relabel action \"explode\""),
        ("[{regex: '(', target_label: x}]", "invalid regular expression"),
    ])
    func badConfigsAreRefusedWithPrometheusWording(yaml: String, message: String) throws {
        let diagnostics = ConfigDiagnostics(file: "binwatch.yml")
        let root = try #require(diagnostics.root(of: yaml, expected: "a list"))
        _ = RemoteWriteConfig.decodeRelabelConfigs(root)
        let text = diagnostics.errors.map(\.description).joined(separator: "\n")
        #expect(text.contains(message), "\(text)")
        #expect(text.contains("binwatch.yml:1:"), "\(text)")
    }
}
