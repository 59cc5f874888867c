import HTTPClient
import Logging
import Model

extension RemoteWriteQueue {
    /// How an answer is treated (Prometheus's `sendWriteRequestWithBackoff`).
    enum Outcome: Equatable {
        case acknowledged
        /// 5xx, 429 with retry_on_http_429, or no answer: the same batch again after a backoff.
        case retry(after: Duration?)
        /// Any other 4xx (or 3xx not followed): the batch is dropped and counted as failed.
        case drop(String)
    }

    static func classify(status: Int, retryOn429: Bool, retryAfterSeconds: Int?) -> Outcome {
        switch status {
        case 200..<300: return .acknowledged
        case 500..<600: return .retry(after: retryAfterSeconds.map { .seconds($0) })
        case 429 where retryOn429: return .retry(after: retryAfterSeconds.map { .seconds($0) })
        default: return .drop("server returned HTTP status \(status)")
        }
    }

    /// The request for one body, with the specification's headers and the entry's HTTP settings.
    func makeRequest(body: [UInt8]) -> HTTPRequest {
        var headers = HTTPHeaders()
        for header in config.headers { headers.add(name: header.name, value: header.value) }
        headers.add(name: "Content-Encoding", value: "snappy")
        headers.add(name: "Content-Type", value: "application/x-protobuf")
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "X-Prometheus-Remote-Write-Version", value: "0.1.0")
        if let authorization = config.authorization { headers.add(name: "Authorization", value: authorization.reveal()) }
        let timeout = Duration.milliseconds(config.remoteTimeout.milliseconds)
        var request = HTTPRequest(
            method: .post, url: config.url, headers: headers, body: body, connectTimeout: min(timeout, .seconds(10)),
            timeout: timeout, followRedirects: config.followRedirects, caFile: config.tls.caFile, maxResponseBytes: 1 << 20)
        request.clientCertificateFile = config.tls.certFile
        request.clientKeyFile = config.tls.keyFile
        request.serverName = config.tls.serverName
        request.insecureSkipVerify = config.tls.insecureSkipVerify
        request.proxyURL = config.proxyURL?.reveal()
        return request
    }

    /// Sends `batch` until the receiver acknowledges it or refuses it for good, then saves the
    /// position after it. Recoverable failures are retried without end, with a backoff doubled
    /// from min_backoff to max_backoff (or the receiver's Retry-After).
    /// - Returns: false when the task was cancelled first (the position is not moved: the batch
    ///   is sent again after a restart).
    func send(_ batch: Batch) async -> Bool {
        guard let end = batch.end else { return true }
        let body: [UInt8]
        do {
            body = try WriteRequestCodec.encode(batch.series)
        } catch {
            metrics.update(config.name) { $0.failedSamples += batch.count }
            logger.error("remote write batch not encoded; dropped", metadata: ["remote_name": "\(config.name)", "err": "\(error)"])
            persist(end)
            return true
        }
        let request = makeRequest(body: body)
        var backoff = Duration.milliseconds(config.queue.minBackoff.milliseconds)
        let maxBackoff = Duration.milliseconds(config.queue.maxBackoff.milliseconds)
        var failing: String?
        while true {
            if Task.isCancelled { return false }
            let started = ContinuousClock.now
            metrics.update(config.name) {
                $0.samples += batch.count
                $0.bytes += body.count
            }
            let outcome: Outcome
            var problem = ""
            do {
                let response = try await transport.send(request)
                outcome = Self.classify(status: response.status, retryOn429: config.queue.retryOnHTTP429,
                                        retryAfterSeconds: response.retryAfterSeconds)
                problem = "HTTP status \(response.status): \(Self.excerpt(response.bodyText))"
            } catch {
                outcome = .retry(after: nil)
                problem = "\(error)"
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            metrics.update(config.name) { $0.observe(seconds: seconds) }
            switch outcome {
            case .acknowledged:
                metrics.update(config.name) { $0.highestSentSeconds = max($0.highestSentSeconds, Double(batch.highestTimestamp) / 1000) }
                if failing != nil {
                    logger.notice("remote write resumed", metadata: ["remote_name": "\(config.name)"])
                }
                persist(end)
                return true
            case .drop(let reason):
                metrics.update(config.name) { $0.failedSamples += batch.count }
                logger.error("remote write batch refused by the receiver; dropped (non-recoverable)", metadata: [
                    "remote_name": "\(config.name)", "url": "\(request.redactedOrigin)", "samples": "\(batch.count)",
                    "err": "\(reason): \(problem)",
                ])
                persist(end)
                return true
            case .retry(let after):
                metrics.update(config.name) { $0.retriedSamples += batch.count }
                if failing == nil {
                    // Once per outage, not once per attempt: an outage of hours must not flood the log.
                    logger.warning("remote write failed, retrying with backoff (recoverable)", metadata: [
                        "remote_name": "\(config.name)", "url": "\(request.redactedOrigin)", "err": "\(problem)",
                    ])
                }
                failing = problem
                try? await Task.sleep(for: after ?? backoff)
                backoff = min(backoff * 2, maxBackoff)
            }
        }
    }

    /// The start of a receiver's error text, on one line.
    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 256 ? String(line.prefix(256)) + "..." : line
    }
}
