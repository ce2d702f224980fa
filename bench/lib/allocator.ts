/**
 * The C allocator settings every bench process starts with. Each window
 * begins with a full collection, which frees at once every buffer the last
 * window read into; glibc's malloc then hands the top of its heap back to
 * the kernel (trim), and the next window faults those pages in again, one
 * read buffer at a time. Whether a window pays that depended on where the
 * freed buffers lay, so a side that allocates per read (node:net's own
 * 'data' path, undici, ws, ioredis) ran at one of two speeds at random.
 * Kept, freed memory is reused instead, and every window starts alike.
 */

/** The environment of a bench process: the parent's, with glibc's trim off and its mmap threshold fixed at the top. */
export function benchProcessEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MALLOC_TRIM_THRESHOLD_: String(1024 * 1024 * 1024),
    MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024),
  };
}
