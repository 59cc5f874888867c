import Foundation
public import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle

/// The HTTP server on `web.listen_address`: `/metrics`, the health JSON, `/-/healthy`,
/// `/-/ready`, `/-/reload`, and the Prometheus-compatible `/api/v1/*` endpoints.
public enum HTTPService {
    /// Builds the Hummingbird application (a ServiceLifecycle `Service`).
    /// - Parameters:
    ///   - onListening: called with the bound port once the server listens (port 0 picks one).
    /// - Throws: `ConfigError`-like text when the address is malformed.
    public static func make(
        scheduler: Scheduler, loader: ConfigLoader, address: String, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some Service {
        guard let listen = ListenAddress(address) else {
            throw HTTPServiceError(message: "web.listen_address \(address) is not host:port")
        }
        let router = routes(scheduler: scheduler, loader: loader, healthPath: await scheduler.healthPath())
        return Application(
            router: router, configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "binwatch"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? listen.port) }, logger: logger)
    }

    /// - Parameter healthPath: the configured health path when the server starts (a reload
    ///   that changes `web.health_path` takes effect on restart).
    static func routes(scheduler: Scheduler, loader: ConfigLoader, healthPath: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { _, _ in
            text(200, await scheduler.metricsText(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/-/healthy") { _, _ in text(200, "binwatch is Healthy.\n") }
        router.get("/-/ready") { _, _ in
            await scheduler.isReady ? text(200, "binwatch is Ready.\n") : text(503, "Service Unavailable\n")
        }
        let reload: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            if let errors = await scheduler.reload(using: loader) {
                return text(500, "failed to reload config: \(errors)\n")
            }
            return text(200, "")
        }
        router.post("/-/reload", use: reload)
        router.put("/-/reload", use: reload)
        router.get("/api/v1/alerts") { _, _ in json(200, AlertsAPI.body(await scheduler.activeAlerts())) }
        router.get("/api/v1/rules") { _, _ in json(200, RulesAPI.body(await scheduler.groupStatuses())) }
        let query: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let (status, body) = await QueryAPI.instant(try await parameters(request), scheduler: scheduler)
            return json(status, body)
        }
        router.get("/api/v1/query", use: query)
        router.post("/api/v1/query", use: query)
        let queryRange: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let (status, body) = await QueryAPI.range(try await parameters(request), scheduler: scheduler)
            return json(status, body)
        }
        router.get("/api/v1/query_range", use: queryRange)
        router.post("/api/v1/query_range", use: queryRange)
        router.get(RouterPath(healthPath)) { _, _ in
            let (status, body) = HealthRoute.response(await scheduler.currentHealth())
            return json(status, body)
        }
        return router
    }

    static func parameters(_ request: Request) async throws -> [String: String] {
        var params = FormParameters.parse(request.uri.query ?? "")
        if request.method == .post {
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            for (key, value) in FormParameters.parse(String(buffer: body)) where params[key] == nil { params[key] = value }
        }
        return params
    }

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
