// Thread affinity (icnn_affinity.h) over sched_getaffinity / sched_setaffinity, which act on the calling thread
// when given pid 0.
#if defined(__linux__)
#define _GNU_SOURCE
#include <sched.h>
#endif
#include "icnn_affinity.h"

long icnn_thread_cpus(int *cpus, long capacity) {
#if defined(__linux__)
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    long count = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, &set)) continue;
        if (count < capacity && cpus) cpus[count] = cpu;
        count++;
    }
    return count;
#else
    (void)cpus;
    (void)capacity;
    return 0;
#endif
}

int icnn_thread_set_cpus(const int *cpus, long count) {
#if defined(__linux__)
    if (!cpus || count < 1) return -1;
    cpu_set_t set;
    CPU_ZERO(&set);
    for (long i = 0; i < count; i++) {
        if (cpus[i] < 0 || cpus[i] >= CPU_SETSIZE) return -1;
        CPU_SET(cpus[i], &set);
    }
    return sched_setaffinity(0, sizeof set, &set) == 0 ? 0 : -1;
#else
    (void)cpus;
    (void)count;
    return -1;
#endif
}

int icnn_thread_current_cpu(void) {
#if defined(__linux__)
    return sched_getcpu();
#else
    return -1;
#endif
}
