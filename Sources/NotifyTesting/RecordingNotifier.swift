public import Notify
import Synchronization

/// A `Notifier` that records every call and can fail the first N with a given error:
/// for dispatcher tests that assert what is sent when, not how.
public final class RecordingNotifier: Notifier {
    /// One recorded call.
    public struct Call: Sendable {
        /// The alerts passed.
        public var alerts: [Alert]
        /// The group key passed.
        public var group: GroupKey
    }

    private let state = Mutex<(calls: [Call], failures: [NotifyError])>(([], []))

    /// Creates a recorder that always succeeds.
    public init() {}

    /// Every call so far (failed ones included).
    public var calls: [Call] { state.withLock { $0.calls } }

    /// Makes the next calls fail with `errors`, in order.
    public func failNext(_ errors: [NotifyError]) { state.withLock { $0.failures += errors } }

    /// Records the call; throws the next scripted failure if any.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let failure: NotifyError? = state.withLock {
            $0.calls.append(Call(alerts: alerts, group: group))
            return $0.failures.isEmpty ? nil : $0.failures.removeFirst()
        }
        if let failure { throw failure }
    }
}
