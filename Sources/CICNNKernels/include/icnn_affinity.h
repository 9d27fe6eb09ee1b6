#ifndef ICNN_AFFINITY_H
#define ICNN_AFFINITY_H
// Which CPUs the calling thread may run on, and restricting it to some of them: for benchmarks that measure each
// core on its own (the vCPUs of a shared machine may run at different speeds, docs/ENGINE.md, session 12). Linux
// only; elsewhere the functions report that affinity is not available.
#ifdef __cplusplus
extern "C" {
#endif

/// Writes the indices of the CPUs the calling thread may run on, in increasing order, to cpus[0 ..< min(count,
/// capacity)] and returns their count; returns 0 where the affinity cannot be read (other systems, or an error).
long icnn_thread_cpus(int *cpus, long capacity);

/// Restricts the calling thread to cpus[0 ..< count]; returns 0 on success and -1 when the system refuses (an
/// index out of range or not allowed, count < 1) or has no thread affinity. The other threads are not affected.
int icnn_thread_set_cpus(const int *cpus, long count);

/// The CPU the calling thread is running on at this moment, or -1 where the system does not say.
int icnn_thread_current_cpu(void);

#ifdef __cplusplus
}
#endif
#endif
