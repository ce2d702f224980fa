/**
 * What the script-facing APIs need from a WebSocket backend: client
 * connections on every platform, listeners where the platform can listen.
 */
import type { Handle } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";

/** Opens WebSocket connections (and, on Node, listeners) onto core handles. */
export interface WsBackend {
  /** Starts connecting `handle` to a ws: or wss: URL. */
  connect(core: NetCore, handle: Handle, url: URL): void;
  /** Starts a WebSocket server; undefined where the platform cannot listen. */
  listen: ((core: NetCore, handle: Handle, port: number, host: string | undefined) => void) | undefined;
  /** Stops the backend's timers. */
  shutdown(): Promise<void>;
}
