import Synchronization

/// A fake monotonic clock that advances by `step` nanoseconds on every read, so a test sees
/// how far past its deadline a search runs without depending on machine speed.
final class SteppingClock: Sendable {
    private let now = Atomic<UInt64>(0)
    let step: UInt64

    init(step: UInt64) { self.step = step }

    /// Advances and returns the new time.
    func read() -> UInt64 { now.add(step, ordering: .relaxed).newValue }

    /// The time after the last read.
    var value: UInt64 { now.load(ordering: .relaxed) }
}
