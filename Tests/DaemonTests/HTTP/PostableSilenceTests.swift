@testable import Daemon
import Model
import Notify
import Testing

/// `POST /api/v2/silences` bodies read as Alertmanager 0.25's go-swagger server reads them:
/// 400 for what cannot be decoded, 422 for what the schema refuses, the first problem in
/// the model's field order.
@Suite struct PostableSilenceTests {
    static let matcher = #"{"name":"alertname","value":"BinFull","isRegex":false}"#
    static let times = #""startsAt":"2026-12-07T10:00:00.000Z","endsAt":"2026-12-07T11:00:00.5Z""#

    static func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func aFullBodyDecodes() throws {
        let decoded = try PostableSilence.decode(Self.body(
            #"{"id":"x","matchers":[\#(Self.matcher),{"name":"bin","value":"A.*","isRegex":true,"isEqual":false}],"#
                + Self.times + #","createdBy":"ops","comment":""}"#)).get()
        #expect(decoded.id == "x")
        #expect(decoded.matchers == [
            SilenceMatcher(name: "alertname", op: .equal, value: "BinFull"), SilenceMatcher(name: "bin", op: .regexNoMatch, value: "A.*"),
        ])
        #expect(decoded.endsAt.milliseconds - decoded.startsAt.milliseconds == 3_600_500)
        #expect(decoded.comment == "", "an empty comment passes go-swagger's required check, as in 0.25")
    }

    @Test(arguments: [
        ("", 422, #"{"code":602,"message":"silence in body is required"}"#),
        ("null", 422, #"{"code":602,"message":"silence in body is required"}"#),
        ("{", 400, "parsing silence body from"),
        ("[]", 400, "cannot unmarshal array"),
        (#"{"comment":7}"#, 400, "cannot unmarshal number into comment"),
        (#"{"startsAt":"yesterday"}"#, 400, #"startsAt \"yesterday\" is not an RFC 3339 date-time"#),
        (#"{"matchers":[{"name":"a","value":"b","isRegex":"no"}]}"#, 400, "matchers[0].isRegex of type bool"),
        (#"{"createdBy":"ops"}"#, 422, "comment in body is required"),
        (#"{"comment":"c","createdBy":"ops","endsAt":"2026-12-07T11:00:00Z","matchers":[]}"#, 422,
         "matchers in body should have at least 1 items"),
        (#"{"comment":"c","createdBy":"ops","endsAt":"2026-12-07T11:00:00Z","matchers":[{"name":"a","value":"b"}]}"#, 422,
         "matchers.0.isRegex in body is required"),
        (#"{"comment":"c","createdBy":"ops","endsAt":"2026-12-07T11:00:00Z","matchers":[{"name":"a","value":"b","isRegex":false}]}"#,
         422, "startsAt in body is required"),
    ])
    func badBodiesAreRefused(body: String, status: Int, message: String) {
        switch PostableSilence.decode(Self.body(body)) {
        case .success(let decoded):
            Issue.record("accepted: \(decoded)")
        case .failure(let refusal):
            #expect(refusal.status == status)
            #expect(refusal.body.contains(message), "\(refusal.body)")
        }
    }

    @Test func pathIDsMustBeUUIDs() {
        #expect(AlertmanagerAPI.refuseID("6f1e8c52-1f5a-4d9e-9a77-3b7f2a0c9d11") == nil)
        #expect(AlertmanagerAPI.refuseID("6F1E8C521F5A4D9E9A773B7F2A0C9D11") == nil, "hyphens are optional in strfmt.IsUUID")
        #expect(AlertmanagerAPI.refuseID("not-a-uuid")?.status == 422)
        #expect(AlertmanagerAPI.refuseID("6f1e8c52-1f5a-4d9e-9a77-3b7f2a0c9d11x")?.status == 422)
    }

    @Test func withoutAlertingOrAStateFileTheAPIAnswersEmptyAndRefusesSilences() throws {
        let now = Timestamp(milliseconds: 1_700_000_000_000)
        let api = AlertmanagerAPI(
            pipeline: nil, silences: nil, startedAt: now, version: "0.1.0", now: { now }, newID: { "unused" })
        #expect(api.receivers() == .init(200, "[]"))
        #expect(api.alerts(query: "") == .init(200, "[]"))
        #expect(api.groups(query: "active=false") == .init(200, "[]"))
        #expect(api.listSilences(query: "") == .init(200, "[]"))
        let status = try #require(api.status().body)
        #expect(status.contains(#""config":{"original":""}"#) && status.contains(#""version":"0.1.0""#))
        #expect(status.contains(#""uptime":"2023-11-14T22:13:20.000Z""#), "\(status)")
        let body = #"{"matchers":[\#(Self.matcher)],"startsAt":"2023-11-14T22:13:20Z","endsAt":"2099-01-01T00:00:00Z","createdBy":"a","comment":"b"}"#
        #expect(api.postSilence(Self.body(body)) == .init(400, #""silences are kept in the state file: set state.path in binwatch.yml""#))
        #expect(api.getSilence(id: "6f1e8c52-1f5a-4d9e-9a77-3b7f2a0c9d11") == .init(404, nil))
        #expect(api.alerts(query: "filter=%7Bbad").status == 400)
        #expect(api.alerts(query: "receiver=%28").body?.hasPrefix("\"failed to parse receiver param: ") == true)
    }

    @Test func filtersTreatEmptyValuesAsAlertmanagerDoes() throws {
        let labels = Labels(["alertname": "BinFull", "bin": "A1"])
        #expect(AlertmanagerAPI.matchesFilter([try Matcher(.equal, "severity", "")], labels), "absent label, empty value")
        #expect(AlertmanagerAPI.matchesFilter([try Matcher(.notEqual, "bin", "")], labels), "present label, != empty")
        #expect(!AlertmanagerAPI.matchesFilter([try Matcher(.equal, "bin", "A2")], labels))
        #expect(AlertmanagerAPI.matchesFilter([try Matcher(.regexMatch, "bin", "A.")], labels))
    }
}
