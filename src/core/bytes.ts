/**
 * Joining received byte chunks into one buffer, for every layer that collects
 * a body or a read from several chunks (an HTTP response in a page, a
 * `Network.Connect` read). Platform-neutral.
 */

/** Joins chunks into one buffer of `total` bytes (the only chunk itself when there is one). */
export function joinChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
