import Foundation
import HummingbirdBcrypt
import Model
import Synchronization

/// Checks `Authorization: Basic` against `basic_auth_users`, as exporter-toolkit does:
/// bcrypt through hummingbird-auth, an unknown user still costs one bcrypt (no timing hint
/// about which users exist), and successful checks are cached so a client that sends its
/// credentials on every request does not pay bcrypt's cost each time.
enum BasicAuth {
    /// A hash of cost 10 of a password nobody knows, checked for unknown users.
    static let decoy = "$2b$10$nXu5ZFh1RTYJeWHyBSGpR.eksgLCj3o6VvGV1lFqdBJim8JlnER/m"

    /// Whether the `Authorization` header value names a configured user with the right password.
    static func check(_ header: String?, users: [String: Secret], cache: BasicAuthCache) async -> Bool {
        guard let (user, password) = credentials(header) else { return false }
        let hash = users[user]?.reveal()
        let key = cache.key(user: user, password: password, hash: hash ?? decoy)
        if hash != nil, cache.contains(key) { return true }
        // bcrypt takes tens of milliseconds by design: off the cooperative pool.
        let ok = await QueryExecutor.onOwnThread {
            Bcrypt.verify(password, hash: normalized(hash ?? decoy))
        }
        guard ok, hash != nil else { return false }
        cache.insert(key)
        return true
    }

    /// `$2y$` (htpasswd -B, PHP) is the same algorithm as `$2b$`, which the library spells.
    static func normalized(_ hash: String) -> String {
        hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
    }

    /// User and password of a `Basic` authorization value.
    static func credentials(_ header: String?) -> (String, String)? {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

/// Credentials that passed bcrypt, by a digest of user, hash and password (never the
/// password itself); cleared when the web config is reloaded.
final class BasicAuthCache: Sendable {
    private let passed = Mutex<Set<Int>>([])

    func key(user: String, password: String, hash: String) -> Int {
        var hasher = Hasher()
        hasher.combine(user)
        hasher.combine(hash)
        hasher.combine(password)
        return hasher.finalize()
    }

    func contains(_ key: Int) -> Bool { passed.withLock { $0.contains(key) } }

    func insert(_ key: Int) {
        passed.withLock { set in
            // Bounded: a client cycling through passwords cannot grow it without end.
            if set.count >= 1024 { set.removeAll() }
            set.insert(key)
        }
    }

    func clear() { passed.withLock { $0.removeAll() } }
}
