/**
 * What differs between the places a runtime runs (Node, a browser): how each
 * protocol's backend is loaded, and how text is measured in bytes.
 */
import type { Lazy } from "../core/lazy.js";
import type { HttpBackend } from "../http/backend.js";
import type { TcpBackend } from "../tcp/backend.js";
import type { WsBackend } from "../ws/backend.js";

/** The protocol backends of one runtime; a missing one is a disabled feature. */
export interface Backends {
  tcp?: Lazy<TcpBackend>;
  http?: Lazy<HttpBackend>;
  ws?: Lazy<WsBackend>;
}

/** Platform services the API layer needs. */
export interface Platform {
  /** UTF-8 length of a string in bytes. */
  byteLength(text: string): number;
}
