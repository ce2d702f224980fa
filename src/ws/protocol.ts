/**
 * WebSocket's row of the protocol table: the `ws_*` functions of `net`, the
 * connection kind `ws` under `maxWebSockets`, and listeners (where the
 * platform can listen). Node's backend is the `ws` library, a page's its own
 * `WebSocket`.
 */
import { ERR } from "../core/errors.js";
import { defineProtocol, type ProtocolContext } from "../core/protocol.js";
import type { WsBackend } from "./backend.js";
import { netWs } from "./net-ws.js";

/** The WebSocket protocol. */
export const wsProtocol = defineProtocol({
  name: "ws",
  kinds: { ws: "maxWebSockets", ws_listener: null },
  fallbacks: { ws_send: ERR.failed, ws_send_binary: ERR.failed },
  open: ({ core, backend, platform }: ProtocolContext<WsBackend>) => ({
    functions: netWs(core, backend, platform),
    service: undefined,
  }),
});
