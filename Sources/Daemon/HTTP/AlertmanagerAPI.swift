import Foundation
import Hummingbird
import Model
import NIOCore
import Notify

/// Alertmanager's API v2, the part `amtool` speaks (`/api/v2/status`, `receivers`, `alerts`,
/// `alerts/groups`, `silences`, `silence/{id}`), with Alertmanager 0.25's JSON, status codes
/// and error bodies, over binwatch's own notification side: the alerts the dispatcher was
/// handed, the route tree and receivers of `alerting:`, and the silences in the state file.
///
/// Reads take the pipeline's snapshot (`NotificationPipeline+API.swift`) and the state file;
/// none enters the scheduler's or the dispatcher's actor, and every answer is worked out on
/// the API's own serial queue, off Swift's cooperative pool (SQLite calls block a thread, and
/// the pool's few threads run the scheduler), so no client can hold up alerting.
/// Silences are written through `SQLiteSilenceStore.set`, the same path `binwatch silence add`
/// takes, and the dispatcher reads them at its next flush.
struct AlertmanagerAPI: Sendable {
    /// The notification pipeline (nil without `alerting:`: no alerts, no receivers).
    let pipeline: NotificationPipeline?
    /// The state file's silences (nil without `state.path`: silences are off).
    let silences: SQLiteSilenceStore?
    /// When the server started (`uptime`, which Alertmanager reports as its start time).
    let startedAt: Timestamp
    /// binwatch's version (`versionInfo.version`).
    let version: String
    /// The wall clock (silence states, resolved alerts).
    let now: @Sendable () -> Timestamp
    /// Makes the id of a new silence.
    let newID: @Sendable () -> String
    /// Where answers are worked out: one thread at most, never one of the pool's.
    let worker = DispatchQueue(label: "binwatch.alertmanager-api")

    /// Adds the routes to `router` (behind the web config's middleware like every other).
    func register(on router: Router<BasicRequestContext>) {
        let api = self
        router.get("/api/v2/status") { _, _ in await api.answer { api.status() } }
        router.get("/api/v2/receivers") { _, _ in await api.answer { api.receivers() } }
        router.get("/api/v2/alerts") { request, _ in
            let query = request.uri.query ?? ""
            return await api.answer { api.alerts(query: query) }
        }
        router.get("/api/v2/alerts/groups") { request, _ in
            let query = request.uri.query ?? ""
            return await api.answer { api.groups(query: query) }
        }
        router.get("/api/v2/silences") { request, _ in
            let query = request.uri.query ?? ""
            return await api.answer { api.listSilences(query: query) }
        }
        router.post("/api/v2/silences") { request, _ in
            // go-openapi reads a missing Content-Type as application/octet-stream.
            let type = request.headers[.contentType] ?? "application/octet-stream"
            guard Self.isJSON(type) else {
                return api.respond(Answer(415, AlertmanagerJSON.openAPIError(
                    code: 415, "unsupported media type \"\(type)\", only [application/json] are allowed")))
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: HTTPService.maxFormBytes)
            } catch {
                return api.respond(Answer(413, AlertmanagerJSON.message(
                    "request body larger than \(HTTPService.maxFormBytes) bytes")))
            }
            let bytes = Array(buffer: body)
            return await api.answer { api.postSilence(bytes) }
        }
        router.get("/api/v2/silence/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            return await api.answer { api.getSilence(id: id) }
        }
        router.delete("/api/v2/silence/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            return await api.answer { api.deleteSilence(id: id) }
        }
    }

    /// Works `work` out on `worker` and answers with it.
    func answer(_ work: @escaping @Sendable () -> Answer) async -> Response {
        let answer = await withCheckedContinuation { (continuation: CheckedContinuation<Answer, Never>) in
            worker.async { continuation.resume(returning: work()) }
        }
        return respond(answer)
    }

    /// A status and a JSON body (nil: no body and no content type, as go-swagger's empty responses).
    struct Answer: Error, Equatable {
        var status: Int
        var body: String?

        init(_ status: Int, _ body: String?) {
            self.status = status
            self.body = body
        }
    }

    func respond(_ answer: Answer) -> Response {
        guard let body = answer.body else { return Response(status: .init(code: answer.status)) }
        return HTTPService.json(answer.status, body)
    }

    static func isJSON(_ contentType: String) -> Bool {
        contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    // MARK: status and receivers

    /// `GET /api/v2/status`: clustering is off, so `cluster` is `disabled` with no peers;
    /// `config.original` is the `alerting:` section with secrets as `<secret>`.
    func status() -> Answer {
        let original = pipeline?.snapshot(at: now()).original ?? ""
        let versionInfo = "{\"branch\":\"\",\"buildDate\":\"\",\"buildUser\":\"\",\"goVersion\":\"\","
            + "\"revision\":\"\",\"version\":\(APIJSON.quote(version))}"
        let body = "{\"cluster\":{\"peers\":[],\"status\":\"disabled\"},\"config\":{\"original\":\(APIJSON.quote(original))},"
            + "\"uptime\":\(AlertmanagerJSON.time(startedAt)),\"versionInfo\":\(versionInfo)}"
        return Answer(200, body)
    }

    /// `GET /api/v2/receivers`: every receiver of `alerting:`, in config order.
    func receivers() -> Answer {
        let names = pipeline?.snapshot(at: now()).config.receivers.map(\.name) ?? []
        return Answer(200, "[" + names.map(AlertmanagerJSON.receiver).joined(separator: ",") + "]")
    }

    // MARK: query parameters

    /// `filter` matchers (Alertmanager's `labels.ParseMatcher`: one matcher each).
    static func filters(_ params: RequestParameters) -> Result<[Matcher], SilenceError> {
        var matchers: [Matcher] = []
        for value in params.all("filter") {
            do {
                let parsed = try MatcherParser.parse(value)
                guard parsed.count == 1 else { return .failure(SilenceError(.invalid, "bad matcher format: \(value)")) }
                matchers += parsed
            } catch {
                return .failure(SilenceError(.invalid, error.message))
            }
        }
        return .success(matchers)
    }

    /// A boolean query parameter as go-openapi's `swag.ConvertBool` reads it: empty or
    /// absent is the default (true), one of its true words is true, anything else false.
    static func flag(_ name: String, in params: RequestParameters) -> Bool {
        guard let raw = params[name], !raw.isEmpty else { return true }
        return ["true", "1", "yes", "ok", "y", "on", "selected", "checked", "t", "enabled"].contains(raw.lowercased())
    }
}
