#ifndef ICNN_POOL_H
#define ICNN_POOL_H
// The engine's worker threads: a small pool that runs the parts of one job (blocks of a matrix product, ranges of
// an elementwise op) on the calling thread and on up to icnn_thread_limit() - 1 workers.
//
// Why not DispatchQueue.concurrentPerform: it wakes a thread for every call (12 us idle, 40-80 us under load), so
// only products of more than 2^24 multiply-adds could use a second core. Here a worker that has just finished a
// part keeps checking for the next job for a short while (ICNN_POOL_SPIN_MICROSECONDS), calling sched_yield between
// checks so that it takes no time from any other thread that wants its core, before it parks on a condition
// variable; the back-to-back ops of a training step reach it in about a microsecond.
//
// Parts are claimed one at a time from a shared counter, by the workers and by the caller alike: when the other
// cores are busy and no worker wakes up in time, the caller runs every part itself, so a job never waits for a
// thread to be scheduled (only for parts a worker has already started). Which thread runs a part never changes its
// result, so callers that split work into disjoint ranges get bit-identical results for any thread count.
//
// The pool is process-wide and created on first use, like the allocator: it holds no values, only threads. One
// job runs at a time; a job submitted while another is running (another thread, or a part that itself calls
// icnn_parallel_for) runs all its parts on its calling thread. Workers live until the process exits.
#ifdef __cplusplus
extern "C" {
#endif

/// The most threads a job may use: the environment variable ICNN_THREADS when it holds a positive integer, otherwise
/// the number of online cores (read once).
long icnn_thread_limit(void);

/// How long an idle worker spins waiting for the next job before it parks.
#define ICNN_POOL_SPIN_MICROSECONDS 200

/// One part of a job: `part` in 0..<parts.
typedef void (*icnn_pool_task)(void *context, long part);

/// Runs task(context, p) for every p in 0..<parts, each exactly once, on the calling thread and the pool's workers,
/// and returns when all have finished. parts <= 0 does nothing; parts == 1, threads <= 1 or icnn_thread_limit() == 1
/// runs everything on the calling thread (`threads` is a switch: the parts bound how many threads can help). Parts
/// must not depend on each other's order.
///
/// `wake` != 0 wakes parked workers for this job (worth it for jobs of 100 us or more). With `wake` == 0 the job
/// goes to the pool only if a worker is running at that moment (a spinning worker stamps a heartbeat every few
/// microseconds); otherwise the caller runs it alone at once. Short jobs use a second core this way when they
/// follow other jobs closely (a training step), and never wait for a thread to wake or to be scheduled.
void icnn_parallel_for(long parts, long threads, int wake, icnn_pool_task task, void *context);

/// The number of contiguous ranges to split `count` items into: 1 when count < 2 grain, otherwise at most
/// min(threads, icnn_thread_limit()) ranges of at least `grain` items. threads <= 0 means icnn_thread_limit().
long icnn_parallel_parts(long count, long grain, long threads);

/// The bounds of range `part` of `parts` over 0..<count, with every boundary a multiple of `align` (> 0) except
/// the last: range p is [*begin, *end).
void icnn_parallel_range(long count, long parts, long part, long align, long *begin, long *end);

#ifdef __cplusplus
}
#endif
#endif
