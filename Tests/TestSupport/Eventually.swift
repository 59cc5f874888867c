/// The deadline every polling wait in the suite uses. It bounds only a failure: on a loaded
/// 2-core machine a passing run may take long to get there, and waiting longer never makes a
/// passing run fail, so it is generous.
public let pollingDeadline = Duration.seconds(180)

/// Polls `condition` every `interval` until it holds or `within` has passed, for waits on
/// another process's progress (a server starting, a receiver getting a request), where no
/// clock can be injected.
/// - Returns: whether the condition held.
public func eventually(
    within: Duration = pollingDeadline, every interval: Duration = .milliseconds(100),
    _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + within
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try await Task.sleep(for: interval)
    }
}
