public import Logging
public import Model
import Synchronization

/// The web config in force, swapped whole on reload: a file that fails to load or whose
/// certificates cannot be used leaves the previous one in force (exporter-toolkit re-reads
/// its file per connection; binwatch reads it at start and on SIGHUP).
public final class WebConfigState: Sendable {
    /// One loaded file with its TLS context built.
    struct Loaded: Sendable {
        var config: WebConfig
        var tls: TLSServerContext?
    }

    /// `web.config_file`; nil: plain HTTP, no authentication.
    public let path: String?
    private let current: Mutex<Loaded>
    let authCache = BasicAuthCache()

    /// Loads `path` for the first time.
    /// - Throws: the file's problems (the daemon does not start on a bad web config).
    public init(path: String?) throws(ConfigErrors) {
        self.path = path
        current = Mutex(try Self.read(path))
    }

    /// Re-reads the file; on error the old config stays and the errors are returned.
    @discardableResult
    public func reload(logger: Logger) -> ConfigErrors? {
        do {
            let loaded = try Self.read(path)
            current.withLock { $0 = loaded }
            authCache.clear()
            return nil
        } catch {
            logger.error("web config reload rejected; the previous one stays in force", metadata: [
                "file": "\(path ?? "")", "err": "\(error)",
            ])
            return error
        }
    }

    var loaded: Loaded { current.withLock { $0 } }

    private static func read(_ path: String?) throws(ConfigErrors) -> Loaded {
        guard let path else { return Loaded(config: WebConfig(), tls: nil) }
        let config = try WebConfig.load(path: path)
        return Loaded(config: config, tls: try config.tls.map { tls throws(ConfigErrors) in try TLSServerContext(tls, configFile: path) })
    }
}
