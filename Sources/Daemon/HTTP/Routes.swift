import Exposition
import Foundation
public import Hummingbird
import HummingbirdCore
public import Logging
import Model
import NIOCore
import Notify
public import ServiceLifecycle

/// The HTTP server on `web.listen_address`: `/metrics`, the health JSON, `/-/healthy`,
/// `/-/ready`, `/-/reload`, the Prometheus-compatible `/api/v1/*` endpoints and the
/// Alertmanager API v2 that amtool speaks (`/api/v2/*`), behind the web config (TLS, basic
/// auth, headers; Web/).
public enum HTTPService {
    /// Builds the Hummingbird application (a ServiceLifecycle `Service`).
    /// - Parameters:
    ///   - onListening: called with the bound port once the server listens (port 0 picks one).
    ///   - version: binwatch's version, for the Alertmanager API's `versionInfo`.
    /// - Throws: `ConfigError`-like text when the address is malformed.
    public static func make(
        scheduler: Scheduler, loader: ConfigLoader, address: String, logger: Logger, webConfig: WebConfigState? = nil,
        version: String = "", onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some Service {
        let limits = ConnectionLimits(maxConnections: await scheduler.webSettings().maxConnections)
        return try await build(
            scheduler: scheduler, loader: loader, address: address, logger: logger, webConfig: webConfig, limits: limits,
            version: version, onListening: onListening)
    }

    /// `make` with the connection counter given (tests read it without opening a connection).
    static func build(
        scheduler: Scheduler, loader: ConfigLoader, address: String, logger: Logger, webConfig: WebConfigState?,
        limits: ConnectionLimits, version: String = "", onListening: @escaping @Sendable (Int) async -> Void
    ) async throws -> some Service {
        guard let listen = ListenAddress(address) else {
            throw HTTPServiceError(message: "web.listen_address \(address) is not host:port")
        }
        let state = try webConfig ?? WebConfigState(path: nil)
        let settings = await scheduler.webSettings()
        let alertmanager = await alertmanagerAPI(scheduler: scheduler, version: version, logger: logger)
        let router = routes(
            scheduler: scheduler, loader: loader, healthPath: settings.healthPath, webConfig: state, limits: limits, logger: logger,
            alertmanager: alertmanager)
        // Hummingbird's idle timer runs from the connection's start until a response is
        // written, so a client trickling a request's headers is closed at read_timeout.
        let channel = HTTP1Channel.Configuration(
            additionalChannelHandlers: [HeaderSizeLimit(limits: limits)], idleTimeout: .milliseconds(settings.readTimeout.milliseconds),
            httpDecoderConfiguration: HeaderSizeLimit.decoder)
        let server = HTTPServerBuilder { responder in
            WebServerChannel(
                base: HTTP1Channel(responder: responder, configuration: channel), state: state, limits: limits,
                readTimeout: .milliseconds(settings.readTimeout.milliseconds))
        }
        return Application(
            router: router, server: server,
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "binwatch"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? listen.port) }, logger: logger)
    }

    /// - Parameter healthPath: the configured health path when the server starts (a reload
    ///   that changes `web.health_path` takes effect on restart).
    ///
    /// Every read takes the scheduler's published `ReadView` and never enters its actor;
    /// queries run on the `QueryExecutor`'s own threads, so no request holds up alerting.
    static func routes(
        scheduler: Scheduler, loader: ConfigLoader, healthPath: String, webConfig: WebConfigState, limits: ConnectionLimits,
        logger: Logger, alertmanager: AlertmanagerAPI? = nil
    ) -> Router<BasicRequestContext> {
        let router = Router()
        // Every endpoint, as exporter-toolkit wraps the whole server.
        router.add(middleware: WebConfigMiddleware(state: webConfig))
        let views = scheduler.readView
        let executor = scheduler.queries
        router.get("/metrics") { _, _ in
            let families = views.load().metricFamilies + executor.metricFamilies() + limits.families()
            return text(200, (try? TextEncoder().encode(families)) ?? "", contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/-/healthy") { _, _ in text(200, "binwatch is Healthy.\n") }
        router.get("/-/ready") { _, _ in
            views.load().isReady ? text(200, "binwatch is Ready.\n") : text(503, "Service Unavailable\n")
        }
        let reload: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            // As Prometheus without --web.enable-lifecycle: anyone reaching the port could
            // otherwise reload (or, with a broken file on disk, fail every reload).
            guard views.load().lifecycleEnabled else { return text(403, "Lifecycle API is not enabled.") }
            if let errors = await scheduler.reload(using: loader) {
                return text(500, "failed to reload config: \(errors)\n")
            }
            if let errors = webConfig.reload(logger: logger) {
                return text(500, "failed to reload web config: \(errors)\n")
            }
            return text(200, "")
        }
        router.post("/-/reload", use: reload)
        router.put("/-/reload", use: reload)
        router.get("/api/v1/alerts") { _, _ in json(200, AlertsAPI.body(views.load().alerts)) }
        router.get("/api/v1/rules") { request, _ in
            let (status, body) = RulesAPI.response(views.load().groups, RequestParameters(query: request.uri.query ?? ""))
            return json(status, body)
        }
        // Grafana's query editor and variables; off the event loop, like queries (a big store
        // takes a while to walk).
        let labels: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            try await cancelledOnDisconnect(request, limits: limits) { params in
                let store = views.load().store
                return await QueryExecutor.onOwnThread { SeriesIndexAPI.labelNames(params, store: store) }
            }
        }
        router.get("/api/v1/labels", use: labels)
        router.post("/api/v1/labels", use: labels)
        router.get("/api/v1/label/:name/values") { request, context in
            let name = context.parameters.get("name") ?? ""
            return try await cancelledOnDisconnect(request, limits: limits) { params in
                let store = views.load().store
                return await QueryExecutor.onOwnThread { SeriesIndexAPI.labelValues(name, params, store: store) }
            }
        }
        let series: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            try await cancelledOnDisconnect(request, limits: limits) { params in
                let store = views.load().store
                return await QueryExecutor.onOwnThread { SeriesIndexAPI.series(params, store: store) }
            }
        }
        router.get("/api/v1/series", use: series)
        router.post("/api/v1/series", use: series)
        router.get("/api/v1/status/buildinfo") { _, _ in json(200, BuildInfoAPI.body) }
        // Only GET, as in Prometheus 2.42. binwatch's own families (`/metrics`) count as a
        // source, as a Prometheus that scrapes itself lists its own.
        router.get("/api/v1/metadata") { request, _ in
            let view = views.load()
            let (status, body) = MetadataAPI.response(
                RequestParameters(query: request.uri.query ?? ""), sources: view.metadata,
                own: MetricMetadata.of(view.metricFamilies))
            return json(status, body)
        }
        // Parsing and printing recurse as deep as the query nests (up to the parser's limit):
        // on a reader thread with a query-sized stack, off the event loop.
        let formatQuery: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            try await cancelledOnDisconnect(request, limits: limits) { params in
                await QueryExecutor.onOwnThread { FormatQueryAPI.response(params) }
            }
        }
        router.get("/api/v1/format_query", use: formatQuery)
        router.post("/api/v1/format_query", use: formatQuery)
        let query: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            try await cancelledOnDisconnect(request, limits: limits) { params in
                await QueryAPI.instant(params, view: views.load(), executor: executor, now: scheduler.now())
            }
        }
        router.get("/api/v1/query", use: query)
        router.post("/api/v1/query", use: query)
        let queryRange: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            try await cancelledOnDisconnect(request, limits: limits) { params in
                await QueryAPI.range(params, view: views.load(), executor: executor)
            }
        }
        router.get("/api/v1/query_range", use: queryRange)
        router.post("/api/v1/query_range", use: queryRange)
        router.get(RouterPath(healthPath)) { _, _ in
            let (status, body) = HealthRoute.response(views.load().health)
            return json(status, body)
        }
        if let alertmanager {
            alertmanager.register(on: router)
            do {
                try WebUI(scheduler: scheduler, alertmanager: alertmanager).register(on: router)
            } catch {
                // The templates are compiled in; WebUITests parse them, so this is a build defect.
                logger.error("web UI unavailable: its templates did not parse", metadata: ["err": "\(error)"])
            }
        }
        return router
    }

    /// The Alertmanager API over the scheduler's notification pipeline and state file
    /// (asked once, at start: the pipeline object outlives reloads).
    static func alertmanagerAPI(scheduler: Scheduler, version: String, logger: Logger) async -> AlertmanagerAPI {
        let backend = await scheduler.alertmanagerBackend()
        var silences = backend.pipeline?.database?.silences
        if silences == nil, let path = backend.statePath {
            do {
                silences = try NotifyStateDatabase(path: path).silences
            } catch {
                logger.error("silences unavailable over HTTP: \(error)")
            }
        }
        // The pipeline's clock, the one its dispatcher judges silences by (a test may step it).
        let pipeline = backend.pipeline
        let clock = SystemClock()
        return AlertmanagerAPI(
            pipeline: pipeline, silences: silences, startedAt: clock.now(), version: version,
            now: { pipeline?.clock.now() ?? clock.now() }, newID: { UUID().uuidString.lowercased() })
    }

    /// Answers a query request; the answering task is cancelled when the client closes its
    /// side of the connection, so an abandoned query stops at its next check instead of
    /// running to its timeout (Prometheus cancels through the request's context).
    static func cancelledOnDisconnect(
        _ request: Request, limits: ConnectionLimits, answer: @escaping @Sendable (RequestParameters) async -> (Int, String)
    ) async throws -> Response {
        try await request.body.consumeWithCancellationOnInboundClose { body in
            var params = RequestParameters(query: request.uri.query ?? "")
            if request.method == .post {
                // An oversized body is read to its end (up to maxDrainBytes) before the 413:
                // closing with the client's bytes unread resets the connection, and the client
                // would see "connection reset" instead of the answer.
                var bytes = ByteBuffer()
                var total = 0
                for try await chunk in body {
                    total += chunk.readableBytes
                    if total <= maxFormBytes {
                        bytes.writeImmutableBuffer(chunk)
                    } else if total > maxDrainBytes {
                        limits.countBodyTooLarge()
                        throw NIOTooManyBytesError(maxBytes: maxFormBytes)
                    }
                }
                if total > maxFormBytes {
                    limits.countBodyTooLarge()
                    return text(413, "request body larger than \(maxFormBytes) bytes\n")
                }
                params = RequestParameters(query: request.uri.query ?? "", body: String(buffer: bytes))
            }
            let (status, text) = await answer(params)
            return json(status, text)
        }
    }

    /// Largest form body a query request may send.
    static let maxFormBytes = 1 << 20
    /// How much of a larger body is read and dropped so the client gets its 413; past this
    /// the connection is simply closed.
    static let maxDrainBytes = 16 << 20

    static func text(_ status: Int, _ body: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ status: Int, _ body: String) -> Response {
        text(status, body, contentType: "application/json")
    }
}

/// The HTTP server could not be set up.
public struct HTTPServiceError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
