import CCurl

/// libcurl's process-wide initialisation.
///
/// curl_global_init is not thread-safe in libcurl 7.88 and must run before any
/// handle is made; a `static let` runs its initialiser exactly once, under
/// swift_once, whichever thread gets there first.
enum CurlGlobal {
    /// The result of curl_global_init(CURL_GLOBAL_ALL).
    static let initCode: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// Whether libcurl initialised; touching this triggers the initialisation.
    static var isReady: Bool { initCode == CURLE_OK }
}
