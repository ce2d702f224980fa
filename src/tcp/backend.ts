/**
 * What the script-facing APIs need from a TCP backend. Only Node has one: a
 * browser cannot open raw TCP sockets.
 */
import type { Handle } from "../core/handle.js";
import type { Backend } from "../core/protocol.js";

/** How received bytes reach the script: decoded UTF-8 text (`net`) or raw bytes (`Network.Connect`). */
export type TcpReceiveMode = "text" | "bytes";

/** Opens TCP connections and listeners onto handles of the core it was created with. */
export interface TcpBackend extends Backend {
  /** Starts connecting `handle` to host:port; reports through the core. */
  connect(handle: Handle, host: string, port: number, mode: TcpReceiveMode): void;
  /** Starts listening for `handle` on port (0 picks one) and host (all interfaces when undefined). */
  listen(handle: Handle, port: number, host: string | undefined): void;
  /** Destroys every socket the backend still holds, including locally closed ones still lingering. */
  shutdown(): Promise<void>;
}
