/**
 * What the script-facing APIs need from a WebSocket backend: client
 * connections on every platform, listeners where the platform can listen.
 */
import type { Handle } from "../core/handle.js";
import type { Backend } from "../core/protocol.js";

/** Opens WebSocket connections (and, on Node, listeners) onto handles of the core it was created with. */
export interface WsBackend extends Backend {
  /** Starts connecting `handle` to a ws: or wss: URL. */
  connect(handle: Handle, url: URL): void;
  /** Starts a WebSocket server; undefined where the platform cannot listen. */
  listen: ((handle: Handle, port: number, host: string | undefined) => void) | undefined;
  /** Stops the backend's ping timer and tears down every connection it still holds, closing ones included; resolves once their sockets are gone. */
  shutdown(): Promise<void>;
}
