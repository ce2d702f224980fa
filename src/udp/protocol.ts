/**
 * UDP's row of the protocol table (SPEC 12): the `udp_*` functions of `net`,
 * the socket kind `udp` under its own quota `maxUdpSockets` (within
 * `maxConnections`), and the limit `udpMaxDatagramBytes`. Only Node offers a
 * backend (`node:dgram`): a page cannot send raw datagrams.
 */
import { defineProtocol, type ProtocolContext } from "../core/protocol.js";
import type { UdpBackend } from "./backend.js";
import { netUdp } from "./net-udp.js";

/** The UDP protocol. */
export const udpProtocol = defineProtocol({
  name: "udp",
  kinds: { udp: "maxUdpSockets" },
  limits: { udpMaxDatagramBytes: 65_507, maxUdpSockets: 1024 },
  fallbacks: { udp_send: "error" },
  open: ({ core, backend, platform }: ProtocolContext<UdpBackend>) => ({
    functions: netUdp(core, backend, platform),
    service: undefined,
  }),
});
