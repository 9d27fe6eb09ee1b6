#ifndef ICNN_BUFFER_H
#define ICNN_BUFFER_H
// Large buffers for tensors, recycled: a freed buffer of at least ICNN_BUFFER_CACHE_MIN_BYTES is kept in a small
// process-wide cache and handed out again for a request of the same rounded size, instead of going back to the
// system. Training loops allocate the same shapes every step; without the cache each of those buffers comes from
// a fresh mmap and pays a page fault and a page clear for every 4 KiB it touches.
//
// Contents of a buffer are undefined (a recycled one holds old data). Thread-safe (one mutex, held only for the
// table lookup). The cache holds at most ICNN_BUFFER_CACHE_SLOTS buffers and, by default, 256 MiB in total; the
// environment variable ICNN_BUFFER_CACHE_MB (read once) sets that bound, 0 disables the cache. When a buffer does
// not fit, the oldest cached ones are freed first.
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Requests below this many bytes are not cached (the C allocator serves them from its own free lists). 16 KiB
/// rather than 64: the 48 KiB activations of a HyCNN 48-wide at batch 256 then recycle too, which made the neural
/// OT critic step 3-17 % faster (`icnn bench transport`, six alternated runs, docs/ENGINE.md session 11).
#define ICNN_BUFFER_CACHE_MIN_BYTES ((size_t)16 * 1024)

/// Most buffers the cache holds at once.
#define ICNN_BUFFER_CACHE_SLOTS 64

/// A buffer of at least `bytes` bytes (> 0), 64-byte aligned; never NULL (aborts with a message when memory is
/// exhausted). Release it with icnn_buffer_release and the same `bytes`.
void *icnn_buffer_acquire(size_t bytes);

/// Gives back a buffer from icnn_buffer_acquire(bytes): cached for reuse when large enough and there is room,
/// freed otherwise. NULL does nothing.
void icnn_buffer_release(void *buffer, size_t bytes);

/// The bytes currently held by the cache (for tests and diagnostics).
size_t icnn_buffer_cached_bytes(void);

#ifdef __cplusplus
}
#endif
#endif
