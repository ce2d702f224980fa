/**
 * A function's result for the last key it was asked about. Sends and
 * receives come in streams with one key (one peer, one snapshot sent to every
 * client), so per-message work on that key is done once per stream.
 */

/** Keeps the result for the last key only. */
export class LastResult<K, V> {
  private known = false;
  private key: K | undefined;
  private value: V | undefined;

  /** `compute(key)`, computed again only when `key` is not the last key asked about. */
  of(key: K, compute: (key: K) => V): V {
    if (!this.known || key !== this.key) {
      this.value = compute(key);
      this.key = key;
      this.known = true;
    }
    return this.value as V;
  }
}
