import Model
import Notify
import PromQL
import Rules

/// Rules' alerts as Notify's `Alert`s, the way Prometheus's `rules.SendAlerts` and the
/// notifier's `relabelAlerts` map them (../shared/reference/prometheus-alerting-semantics.md §7):
/// - labels: the alert's labels plus each non-empty external label the alert does not carry;
/// - startsAt = FiredAt; endsAt = ResolvedAt when resolved, else ValidUntil (which
///   `alertsToSend` set to ts + 4 × max(interval, resend_delay));
/// - generatorURL = external_url + `/graph?g0.expr=` + QueryEscape(expr) + `&g0.tab=1`, where
///   expr is the parsed expression printed back (`r.vector.String()`).
enum AlertsToNotify {
    /// Converts the alerts `alertsToSend` returned for `rule`; pending alerts (never due) are skipped.
    static func convert(
        _ alerts: [Rules.Alert], rule: AlertingRule, externalLabels: [String: String], externalURL: String
    ) -> [Notify.Alert] {
        let url = generatorURL(expr: rule.expr, externalURL: externalURL)
        return alerts.compactMap { alert in
            guard alert.state != .pending else { return nil }
            var labels = alert.labels
            for (name, value) in externalLabels where !value.isEmpty && labels[name] == nil {
                labels = labels.setting(name, to: value)
            }
            let endsAt = alert.resolvedAt ?? alert.validUntil
            return Notify.Alert(
                labels: labels, annotations: alert.annotations, startsAt: alert.firedAt ?? alert.activeAt, endsAt: endsAt,
                generatorURL: url)
        }
    }

    /// `strutil.TableLinkForExpression` behind the external URL; the expression is printed
    /// from its parse (as Prometheus prints `r.vector`), or used as written if it does not parse.
    static func generatorURL(expr: String, externalURL: String) -> String {
        let printed = (try? Parser.parseExpr(expr)).map(\.description) ?? expr
        return externalURL + "/graph?g0.expr=" + queryEscape(printed) + "&g0.tab=1"
    }

    /// Go's `url.QueryEscape`: unreserved bytes (letters, digits, `-_.~`) stay, a space
    /// becomes `+`, every other byte `%XX` in upper case.
    static func queryEscape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: " "):
                out.append("+")
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
