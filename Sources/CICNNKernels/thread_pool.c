// The worker pool of icnn_pool.h.
//
// One job at a time. Its state is a single 64-bit ticket, (generation << 32) | (parts << 16) | next part, so a
// worker validates the job and claims a part with one compare-and-swap: it can never claim a part of a job that
// has already finished or not yet started. The task and context of a job are written before its ticket is
// published and stay unchanged until every claimed part has finished (the caller waits for that), so a worker
// that holds a claimed part may read them.
#include "icnn_pool.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define CPU_RELAX() __asm__ __volatile__("yield")
#else
#define CPU_RELAX() ((void)0)
#endif

#define MAX_WORKERS 63
#define MAX_PARTS 0xFFFF

static _Atomic uint64_t ticket;              // the current job
static _Atomic(icnn_pool_task) jobTask;      // its task and context
static _Atomic(void *) jobContext;
static _Atomic long jobDone;                 // parts finished
static atomic_flag busy = ATOMIC_FLAG_INIT;  // a caller owns the pool
static _Atomic int sleeping;                 // parked workers
static uint32_t generation;                  // last generation issued (written by the caller owning the pool)
static pthread_mutex_t parkLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t parkCondition = PTHREAD_COND_INITIALIZER;
static pthread_once_t startOnce = PTHREAD_ONCE_INIT;
static pthread_once_t limitOnce = PTHREAD_ONCE_INIT;
static long threadLimit = 1;
static long workerCount;
// A spinning worker writes the time here every few microseconds. A job that may not wake workers goes to the pool
// only when this is recent: a worker that is parked, or spinning but not running (its core taken by another
// process), would start its part late.
#define FRESH 20e-6
static _Atomic double heartbeat;
// A caller waiting for a worker's part spins this long (seconds), then yields its core between checks.
#define YIELD_AFTER 20e-6

static uint32_t generationOf(uint64_t t) { return (uint32_t)(t >> 32); }

static void readLimit(void) {
    long value = sysconf(_SC_NPROCESSORS_ONLN);
    const char *text = getenv("ICNN_THREADS");
    if (text != NULL && *text != 0) {
        char *end = NULL;
        const long requested = strtol(text, &end, 10);
        if (end != NULL && *end == 0 && requested > 0) value = requested;
    }
    threadLimit = value < 1 ? 1 : value;
}

long icnn_thread_limit(void) {
    pthread_once(&limitOnce, readLimit);
    return threadLimit;
}

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

/// Claims and runs parts of job `g` until none is left or the job is no longer `g`.
static void runParts(uint32_t g) {
    uint64_t t = atomic_load_explicit(&ticket, memory_order_acquire);
    for (;;) {
        const long parts = (long)((t >> 16) & MAX_PARTS), next = (long)(t & MAX_PARTS);
        if (generationOf(t) != g || next >= parts) return;
        if (!atomic_compare_exchange_weak_explicit(&ticket, &t, t + 1, memory_order_acq_rel, memory_order_acquire))
            continue;
        const icnn_pool_task task = atomic_load_explicit(&jobTask, memory_order_relaxed);
        task(atomic_load_explicit(&jobContext, memory_order_relaxed), next);
        atomic_fetch_add_explicit(&jobDone, 1, memory_order_release);
        t = atomic_load_explicit(&ticket, memory_order_acquire);
    }
}

/// Waits for a job other than `seen`: spins, then parks until one comes. Returns its generation.
static uint32_t awaitJob(uint32_t seen) {
    const double start = seconds();
    const double deadline = start + 1e-6 * ICNN_POOL_SPIN_MICROSECONDS;
    atomic_store_explicit(&heartbeat, start, memory_order_relaxed);  // running now, e.g. just after a part
    // Yielding between checks leaves the core to any other thread that wants it (on a busy machine a spinning
    // worker would otherwise take a share of the time from the caller and from other processes).
    for (unsigned spins = 1;; spins++) {
        const uint64_t t = atomic_load_explicit(&ticket, memory_order_acquire);
        if (generationOf(t) != seen) return generationOf(t);
        CPU_RELAX();
        if (spins % 16 == 0) {
            sched_yield();
            const double now = seconds();
            if (now > deadline) break;
            atomic_store_explicit(&heartbeat, now, memory_order_relaxed);
        }
    }
    pthread_mutex_lock(&parkLock);
    atomic_fetch_add(&sleeping, 1);
    uint64_t t;
    while (generationOf(t = atomic_load(&ticket)) == seen) pthread_cond_wait(&parkCondition, &parkLock);
    atomic_fetch_sub(&sleeping, 1);
    pthread_mutex_unlock(&parkLock);
    return generationOf(t);
}

static void *workerMain(void *argument) {
    uint32_t seen = (uint32_t)(uintptr_t)argument;
    for (;;) {
        seen = awaitJob(seen);
        runParts(seen);
    }
    return NULL;
}

static void startWorkers(void) {
    long wanted = icnn_thread_limit() - 1;
    if (wanted > MAX_WORKERS) wanted = MAX_WORKERS;
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    const uint32_t current = generationOf(atomic_load(&ticket));
    for (long i = 0; i < wanted; i++) {
        pthread_t thread;
        if (pthread_create(&thread, &attributes, workerMain, (void *)(uintptr_t)current) != 0) break;
        workerCount++;
    }
    pthread_attr_destroy(&attributes);
}

static void runInline(long parts, icnn_pool_task task, void *context) {
    for (long p = 0; p < parts; p++) task(context, p);
}

void icnn_parallel_for(long parts, long threads, int wake, icnn_pool_task task, void *context) {
    if (parts <= 0) return;
    if (parts == 1 || threads <= 1 || parts > MAX_PARTS || icnn_thread_limit() <= 1 ||
        atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) {
        runInline(parts, task, context);
        return;
    }
    pthread_once(&startOnce, startWorkers);
    const double start = seconds();
    if (workerCount == 0 || (!wake && start - atomic_load_explicit(&heartbeat, memory_order_relaxed) > FRESH)) {
        atomic_flag_clear_explicit(&busy, memory_order_release);
        runInline(parts, task, context);
        return;
    }
    atomic_store_explicit(&jobTask, task, memory_order_relaxed);
    atomic_store_explicit(&jobContext, context, memory_order_relaxed);
    atomic_store_explicit(&jobDone, 0, memory_order_relaxed);
    const uint32_t g = ++generation;
    atomic_store(&ticket, ((uint64_t)g << 32) | ((uint64_t)parts << 16));
    if (wake && atomic_load(&sleeping) > 0) {
        pthread_mutex_lock(&parkLock);
        pthread_cond_broadcast(&parkCondition);
        pthread_mutex_unlock(&parkLock);
    }
    runParts(g);
    // Only parts a worker has already started remain. Wait for them spinning for a few microseconds, then yield
    // the core: a worker that was preempted may be queued on this very core.
    const double ownEnd = seconds();
    for (unsigned spins = 1; atomic_load_explicit(&jobDone, memory_order_acquire) < parts; spins++) {
        CPU_RELAX();
        if (spins % 32 == 0 && seconds() - ownEnd > YIELD_AFTER) sched_yield();
    }
    atomic_flag_clear_explicit(&busy, memory_order_release);
}

long icnn_parallel_parts(long count, long grain, long threads) {
    const long limit = icnn_thread_limit();
    if (threads <= 0 || threads > limit) threads = limit;
    if (grain < 1) grain = 1;
    if (count < 2 * grain || threads <= 1) return 1;
    const long most = count / grain;
    return most < threads ? most : threads;
}

void icnn_parallel_range(long count, long parts, long part, long align, long *begin, long *end) {
    if (align < 1) align = 1;
    const long units = (count + align - 1) / align;
    long lower = units * part / parts * align, upper = units * (part + 1) / parts * align;
    *begin = lower < count ? lower : count;
    *end = upper < count ? upper : count;
}
