import HTTPTypes
public import Hummingbird

/// Applies the web config to every request, as exporter-toolkit wraps every handler:
/// basic auth first (401 `Unauthorized` with `WWW-Authenticate: Basic`), then the
/// configured response headers on whatever the route answered, errors included.
struct WebConfigMiddleware<Context: RequestContext>: RouterMiddleware {
    let state: WebConfigState

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let config = state.loaded.config
        var response: Response
        if !config.basicAuthUsers.isEmpty,
            await !BasicAuth.check(request.headers[.authorization], users: config.basicAuthUsers, cache: state.authCache)
        {
            response = HTTPService.text(401, "Unauthorized\n")
            response.headers[.wwwAuthenticate] = "Basic"
        } else {
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
        }
        for (name, value) in config.headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }
}
