import Foundation
import HTTPTypes
import Hummingbird
import Model
import Mustache
import NIOCore
import Notify

/// The status pages an on-call engineer opens (`/`, `/alerts`, `/rules`, `/silences`,
/// `/sources`, `/status`): server-rendered HTML from the templates compiled into the binary,
/// working with JavaScript off, behind the web config's TLS and authentication like every
/// other route.
///
/// Each page reads the scheduler's published `ReadView` (and the state file's silences) on
/// a reader thread of its own, as the query API does: no page enters the scheduler's actor
/// or holds up a cycle. Forms that change state (create and expire a silence) carry a CSRF
/// token (`CSRFCookie`) and write through the same `SQLiteSilenceStore` path as the
/// Alertmanager API and `binwatch silence add`.
struct WebUI: Sendable {
    /// Read only through its nonisolated parts: the published view, the query executor, the clock.
    let scheduler: Scheduler
    /// Silences, receivers and the redacted `alerting:` section (the Alertmanager API's view).
    let alertmanager: AlertmanagerAPI
    let templates: MustacheLibrary

    var views: ReadViewBox { scheduler.readView }
    var executor: QueryExecutor { scheduler.queries }

    init(scheduler: Scheduler, alertmanager: AlertmanagerAPI) throws {
        self.scheduler = scheduler
        self.alertmanager = alertmanager
        var library = MustacheLibrary()
        let pages = [
            ("layout", WebTemplates.layout), ("overview", WebTemplates.overview), ("alerts", WebTemplates.alerts),
            ("rules", WebTemplates.rules), ("silences", WebTemplates.silences), ("sources", WebTemplates.sources),
            ("status", WebTemplates.status), ("query", WebTemplates.query),
            ("notifications", WebTemplates.notifications), ("problem", WebTemplates.problem),
        ]
        for (name, text) in pages { try library.register(text, named: name) }
        templates = library
    }

    /// Adds the pages to `router`.
    func register(on router: Router<BasicRequestContext>) {
        let ui = self
        router.get("/static/binwatch.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "max-age=3600"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: WebTemplates.css)))
        }
        router.get("/") { request, _ in await ui.page(request) { ui.overview($0) } }
        router.get("/alerts") { request, _ in await ui.page(request) { ui.alertsPage($0) } }
        router.get("/rules") { request, _ in await ui.page(request) { ui.rulesPage($0) } }
        router.get("/silences") { request, _ in await ui.page(request) { ui.silencesPage($0) } }
        router.get("/sources") { request, _ in await ui.page(request) { ui.sourcesPage($0) } }
        router.get("/notifications") { request, _ in await ui.page(request) { ui.notificationsPage($0) } }
        router.get("/status") { request, _ in await ui.page(request) { ui.statusPage($0) } }
        router.get("/query") { request, _ in
            // The query runs first, under the query limits, on the executor's threads.
            let outcome = await ui.runQuery(RequestParameters(query: request.uri.query ?? ""), now: ui.scheduler.now())
            return await ui.page(request) { page in ui.queryPage(page, outcome: outcome) }
        }
        router.post("/silences") { request, _ in
            let form = try await Self.form(request)
            guard CSRFCookie.accepts(request, form: form) else { return await ui.page(request) { _ in ui.forged() } }
            return await ui.page(request) { page in ui.createSilence(page, form: form) }
        }
        router.post("/silences/:id/expire") { request, context in
            let id = context.parameters.get("id") ?? ""
            let form = try await Self.form(request)
            guard CSRFCookie.accepts(request, form: form) else { return await ui.page(request) { _ in ui.forged() } }
            return await ui.page(request) { page in ui.expireSilence(page, id: id) }
        }
    }

    /// What a page handler gets: the request's parameters, the view, the time and its CSRF token.
    struct PageRequest: Sendable {
        var params: RequestParameters
        var view: ReadView
        var now: Timestamp
        var csrf: String
    }

    /// What a page handler returns: a template and its context, or a redirect.
    enum PageAnswer {
        case render(status: Int, template: String, context: [String: Any])
        case redirect(String)
    }

    /// Renders a page on a reader thread, setting the CSRF cookie when the browser has none.
    private func page(_ request: Request, _ build: @escaping @Sendable (PageRequest) -> PageAnswer) async -> Response {
        let (token, isNew) = CSRFCookie.token(of: request)
        let input = PageRequest(
            params: RequestParameters(query: request.uri.query ?? ""), view: views.load(), now: alertmanager.now(),
            csrf: token)
        let ui = self
        let (status, body, location) = await QueryExecutor.onOwnThread { () -> (Int, String, String?) in
            switch build(input) {
            case .redirect(let location): return (303, "", location)
            case .render(let status, let template, var context):
                context["version"] = BinwatchVersion.current
                context["prefix"] = ""
                context["csrf"] = input.csrf
                context["renderedAt"] = WebFormat.time(input.now)
                let html = ui.templates.render(context, withTemplate: template) ?? "template \(template) is missing"
                return (status, html, nil)
            }
        }
        var headers = HTTPFields()
        if isNew { headers[.setCookie] = CSRFCookie.setCookie(token) }
        headers[.cacheControl] = "no-store"
        if let location {
            headers[.location] = location
            return Response(status: .seeOther, headers: headers)
        }
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// A form body (`application/x-www-form-urlencoded`, at most `HTTPService.maxFormBytes`).
    private static func form(_ request: Request) async throws -> RequestParameters {
        let body = try await request.body.collect(upTo: HTTPService.maxFormBytes)
        return RequestParameters(query: "", body: String(buffer: body))
    }

    func problem(_ status: Int, _ heading: String, _ message: String) -> PageAnswer {
        .render(status: status, template: "problem", context: ["heading": heading, "message": message])
    }

    /// A state-changing form without this server's CSRF token: nothing is changed.
    func forged() -> PageAnswer {
        problem(403, "Form refused", "The form did not carry this page's security token (it may come from another site, or the page is older than the browser's cookies). Nothing was changed; reload the page and try again.")
    }
}
