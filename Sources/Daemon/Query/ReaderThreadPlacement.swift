import CThreadPlacement
#if canImport(Glibc)
import Glibc
#endif

/// Where readers' threads (queries, bcrypt checks) run, so that no number of clients can take
/// the CPU the scheduler's cycle needs.
///
/// Two measures, both per thread on Linux: the thread runs at nice 10, so on a contended CPU
/// the cycle (nice 0) goes first; and on a machine with two or more CPUs the thread may not
/// run on the first CPU the process is allowed, so however many queries run at once (up to
/// `query.max_concurrency`), they share the other CPUs and one is always left for gathering,
/// evaluation and notifications. On one CPU only the nice value applies.
enum ReaderThreadPlacement {
    /// The nice value of reader threads.
    static let nice: Int32 = 10

    /// Applies both measures to the calling thread; a failure leaves it as it was (a
    /// container may forbid either, and readers must still be served).
    static func applyToCurrentThread() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        _ = binwatch_keep_off_first_cpu()
    }
}
