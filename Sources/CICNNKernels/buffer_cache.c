// The recycling allocator of icnn_buffer.h: a table of freed buffers, matched by exact rounded size, newest first.
#include "icnn_buffer.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    void *data;
    size_t bytes;   // rounded size
    unsigned long age; // insertion stamp: larger is newer
} slot;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot slots[ICNN_BUFFER_CACHE_SLOTS];
static int used;               // slots[0..<used] hold buffers
static size_t cachedBytes;
static unsigned long stamp;
static pthread_once_t limitOnce = PTHREAD_ONCE_INIT;
static size_t limitBytes;

static void readLimit(void) {
    limitBytes = (size_t)256 << 20;
    const char *text = getenv("ICNN_BUFFER_CACHE_MB");
    if (text != NULL && *text != 0) {
        char *end = NULL;
        const unsigned long long mb = strtoull(text, &end, 10);
        if (end != NULL && *end == 0 && mb < ((size_t)1 << 24)) limitBytes = (size_t)mb << 20;
    }
}

/// Requests are rounded up to whole 4 KiB pages so that nearby sizes share buffers.
static size_t rounded(size_t bytes) { return (bytes + 4095) / 4096 * 4096; }

static void *allocate(size_t bytes) {
    void *p = aligned_alloc(64, bytes);
    if (p == NULL) {
        fprintf(stderr, "icnn: cannot allocate a %zu-byte tensor buffer\n", bytes);
        abort();
    }
    return p;
}

void *icnn_buffer_acquire(size_t bytes) {
    if (bytes == 0) bytes = 1;
    if (bytes < ICNN_BUFFER_CACHE_MIN_BYTES) return allocate((bytes + 63) / 64 * 64);
    const size_t size = rounded(bytes);
    void *found = NULL;
    pthread_mutex_lock(&lock);
    int best = -1;
    for (int i = 0; i < used; i++)
        if (slots[i].bytes == size && (best < 0 || slots[i].age > slots[best].age)) best = i;
    if (best >= 0) {
        found = slots[best].data;
        cachedBytes -= size;
        slots[best] = slots[--used];
    }
    pthread_mutex_unlock(&lock);
    return found != NULL ? found : allocate(size);
}

void icnn_buffer_release(void *buffer, size_t bytes) {
    if (buffer == NULL) return;
    if (bytes < ICNN_BUFFER_CACHE_MIN_BYTES) {
        free(buffer);
        return;
    }
    pthread_once(&limitOnce, readLimit);
    const size_t size = rounded(bytes);
    if (size > limitBytes) {
        free(buffer);
        return;
    }
    // Buffers to free once the lock is released: the oldest ones that make room for this one.
    void *evicted[ICNN_BUFFER_CACHE_SLOTS];
    int evictedCount = 0;
    pthread_mutex_lock(&lock);
    while (used > 0 && (used == ICNN_BUFFER_CACHE_SLOTS || cachedBytes + size > limitBytes)) {
        int oldest = 0;
        for (int i = 1; i < used; i++)
            if (slots[i].age < slots[oldest].age) oldest = i;
        evicted[evictedCount++] = slots[oldest].data;
        cachedBytes -= slots[oldest].bytes;
        slots[oldest] = slots[--used];
    }
    slots[used++] = (slot){buffer, size, ++stamp};
    cachedBytes += size;
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < evictedCount; i++) free(evicted[i]);
}

size_t icnn_buffer_cached_bytes(void) {
    pthread_mutex_lock(&lock);
    const size_t bytes = cachedBytes;
    pthread_mutex_unlock(&lock);
    return bytes;
}
