/**
 * What differs between the places a runtime runs (Node, a browser) besides
 * the protocol backends: how text is measured in bytes, and which byte type
 * scripts are handed. The protocols' `net` functions and the Scripter's Rift
 * layer read it; each package entry supplies one.
 */

/** Platform services the script-facing functions need. */
export interface Platform {
  /** UTF-8 length of a string in bytes. */
  byteLength(text: string): number;
  /** The UTF-8 bytes of a string, as a copy of the platform's byte type. */
  encode(text: string): Uint8Array;
  /** Views bytes as the platform's byte type (a Buffer on Node) without copying. */
  bytes(data: Uint8Array): Uint8Array;
  /** This machine's own addresses, which the policy's `$private` covers; absent where they cannot be known. */
  localAddresses?: () => Iterable<string>;
}
