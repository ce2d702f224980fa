/**
 * What differs between the places a runtime runs (Node, a browser): how each
 * protocol's backend is loaded, how text is measured in bytes, and which byte
 * type scripts are handed.
 */
import type { Lazy } from "../core/lazy.js";
import type { HttpBackend } from "../http/backend.js";
import type { TcpBackend } from "../tcp/backend.js";
import type { UdpBackend } from "../udp/backend.js";
import type { WsBackend } from "../ws/backend.js";

/** The protocol backends of one runtime; a missing one is a disabled feature. */
export interface Backends {
  tcp?: Lazy<TcpBackend>;
  http?: Lazy<HttpBackend>;
  ws?: Lazy<WsBackend>;
  udp?: Lazy<UdpBackend>;
}

/** Platform services the API layer needs. */
export interface Platform {
  /** UTF-8 length of a string in bytes. */
  byteLength(text: string): number;
  /** Views bytes as the platform's byte type (a Buffer on Node) without copying. */
  bytes(data: Uint8Array): Uint8Array;
}
