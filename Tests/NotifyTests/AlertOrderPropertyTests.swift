import Model
import Notify
import PropertyBased
import Testing

/// `Alert.notificationOrder` against a literal port of Alertmanager's `AlertSlice.Less`
/// and prometheus/common's map-based `LabelSet.Before`.
@Suite struct AlertOrderPropertyTests {
    static let names = ["alertname", "instance", "job", "zone", "bin"]
    static let values = ["", "a", "b", "c"]  // "" = label absent

    /// Decodes a number in 0..<4^5 into a label set (base-4 digits pick each value).
    static func labels(_ code: Int) -> [String: String] {
        var out: [String: String] = [:]
        var rest = code
        for name in names {
            let value = values[rest % 4]
            rest /= 4
            if !value.isEmpty { out[name] = value }
        }
        return out
    }

    static func goBefore(_ ls: [String: String], _ o: [String: String]) -> Bool {
        if ls.count < o.count { return true }
        if ls.count > o.count { return false }
        for ln in (Array(ls.keys) + Array(o.keys)).sorted() {
            guard let mlv = ls[ln] else { return true }
            guard let olv = o[ln] else { return false }
            if mlv < olv { return true }
            if mlv > olv { return false }
        }
        return false
    }

    static func goLess(_ i: [String: String], _ j: [String: String]) -> Bool {
        for key in ["job", "instance"] {
            let (iv, jv) = (i[key], j[key])
            if iv == nil && jv == nil { continue }
            guard let iv else { return false }
            guard let jv else { return true }
            if iv != jv { return iv < jv }
        }
        return goBefore(i, j)
    }

    @Test func matchesAlertmanagersLess() async {
        await propertyCheck(input: Gen.int(in: 0...1023), Gen.int(in: 0...1023)) { a, b in
            let la = Self.labels(a), lb = Self.labels(b)
            let alertA = Alert(labels: Labels(la), startsAt: Timestamp(milliseconds: 0))
            let alertB = Alert(labels: Labels(lb), startsAt: Timestamp(milliseconds: 0))
            #expect(Alert.notificationOrder(alertA, alertB) == Self.goLess(la, lb))
            #expect(!Alert.notificationOrder(alertA, alertA))
        }
    }
}
