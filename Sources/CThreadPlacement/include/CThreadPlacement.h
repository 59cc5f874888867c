#ifndef BINWATCH_THREAD_PLACEMENT_H
#define BINWATCH_THREAD_PLACEMENT_H

/// Keeps the calling thread off the first CPU the process may run on, when it may run on two
/// or more (Linux per-thread affinity; glibc declares it only under _GNU_SOURCE, which Swift's
/// Glibc module does not set). Returns the CPUs left to the thread, or 0 when nothing changed.
int binwatch_keep_off_first_cpu(void);

#endif
