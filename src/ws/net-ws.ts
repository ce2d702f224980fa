/**
 * The `ws_*` functions of the `net` module (seed 000; docs/net.md,
 * "WebSocket"): WebSocket clients, and listeners whose accepted clients use
 * the same functions.
 */
import { parseUrl, toBytes } from "../core/args.js";
import { ERR } from "../core/errors.js";
import type { Lazy } from "../core/lazy.js";
import type { NetCore } from "../core/net-core.js";
import type { WsBackend } from "./backend.js";
import type { Platform } from "../core/platform.js";
import { closerOf, failedHandle, handleOf, openListener, pullOf, startOn } from "../core/start.js";

/** The WebSocket part of `net`. */
export interface NetWs {
  /** Opens a ws: or wss: connection; returns its handle at once. */
  ws_connect(url: string): number;
  /** Queues a text message; true once queued, or an error text. */
  ws_send(handle: number, text: string): true | string;
  /** Queues a binary message: bytes, an ArrayBuffer, or text whose char codes 0-255 are the bytes. */
  ws_send_binary(handle: number, data: Uint8Array | ArrayBuffer | string): true | string;
  /** Pops the next message (text as a string, binary as bytes), or undefined. */
  ws_recv(handle: number): string | Uint8Array | undefined;
  /** Runs the closing handshake (code 1000 or 3000-4999, reason up to 123 bytes); on a finished handle, releases it. */
  ws_close(handle: number, code?: number, reason?: string): void;
  /** Starts a WebSocket server (port 0 picks one); returns the listener's handle. */
  ws_listen(port: number, host?: string): number;
  /** Pops the next accepted client's handle, or undefined. */
  ws_accept(listener: number): number | undefined;
  /** Stops the listener; its accepted clients stay open. */
  ws_stop(listener: number): void;
}

/** Close codes a script may send. */
function validCloseCode(code: unknown): code is number {
  return typeof code === "number" && Number.isInteger(code) && (code === 1000 || (code >= 3000 && code <= 4999));
}

/** Builds the WebSocket functions of `net` over one core and backend. */
export function netWs(core: NetCore, ws: Lazy<WsBackend>, platform: Platform): NetWs {
  const connection = (id: unknown) => handleOf(core, id, "ws");
  const send = (id: unknown, data: string | Uint8Array | undefined, bytes: number): true | string => {
    const handle = connection(id);
    if (handle === undefined) return ERR.unknownHandle;
    if (data === undefined) return ERR.invalidData;
    if (bytes > core.limits.wsMaxMessageBytes) return ERR.messageTooLarge;
    return core.send(handle, data, bytes);
  };
  return {
    ws_connect(url) {
      const parsed = parseUrl(url, ["ws:", "wss:"]);
      const problem = typeof parsed === "string" ? parsed : core.atConnectionLimit("ws") ? ERR.tooManyConnections : undefined;
      if (problem !== undefined) return failedHandle(core, "ws", problem).id;
      const handle = core.open("ws", "connecting");
      startOn(core, ws, handle, (backend) => backend.connect(handle, parsed as URL));
      return handle.id;
    },
    ws_send(id, text) {
      return typeof text === "string" ? send(id, text, platform.byteLength(text)) : send(id, undefined, 0);
    },
    ws_send_binary(id, data) {
      const bytes = toBytes(data);
      return send(id, bytes, bytes?.length ?? 0);
    },
    ws_recv: pullOf<string | Uint8Array>(core, "ws"),
    ws_close(id, code, reason) {
      const handle = connection(id);
      if (handle === undefined) return;
      if (code !== undefined && !validCloseCode(code)) return;
      if (reason !== undefined && (typeof reason !== "string" || platform.byteLength(reason) > 123)) return;
      core.closeLocal(handle, code ?? 1000, reason ?? "");
    },
    ws_listen: (port, host) =>
      openListener(core, "ws_listener", ws, port, host, (backend, handle, bindPort, bindHost) => {
        if (backend.listen === undefined) return core.fail(handle, ERR.listenUnsupported);
        backend.listen(handle, bindPort, bindHost);
      }),
    ws_accept: pullOf<number>(core, "ws_listener"),
    ws_stop: closerOf(core, "ws_listener"),
  };
}
