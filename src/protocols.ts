/**
 * The protocol table: every protocol tickwire has, each the descriptor its
 * folder exports. The types of `net`, `features` and a runtime follow from
 * it; each package entry (`index.ts` on Node, `browser.ts` in a page) says
 * which of them its platform offers, with the backend loader and default
 * there. Platform-neutral: the types of scripts and of both entries come
 * from here. Adding a protocol is a folder, a row here and a row in each
 * entry that offers it (docs/design.md, "Adding a protocol").
 */
import type { NetOf, NetRuntimeOf, RuntimeOptionsOf } from "./api/runtime.js";
import type { PlatformOffers, TableFeatures } from "./core/protocol.js";
import { busProtocol } from "./bus/protocol.js";
import { httpProtocol } from "./http/protocol.js";
import { tcpProtocol } from "./tcp/protocol.js";
import { udpProtocol } from "./udp/protocol.js";
import { wsProtocol } from "./ws/protocol.js";

/** Every protocol, in the order their functions appear on `net`. */
export const PROTOCOLS = [tcpProtocol, httpProtocol, wsProtocol, udpProtocol, busProtocol] as const;

/** The protocol table's type. */
export type ProtocolTable = typeof PROTOCOLS;
/** The `net` module: the shared functions and every protocol's; the functions of disabled protocols are absent at run time. */
export type Net = NetOf<ProtocolTable>;
/** Which protocols a runtime offers, by name. */
export type Features = TableFeatures<ProtocolTable>;
/** Options of `createNetRuntime`. */
export type RuntimeOptions = RuntimeOptionsOf<ProtocolTable>;
/** A runtime: every handle, the event queue, and the script-facing modules. */
export type NetRuntime = NetRuntimeOf<ProtocolTable>;
/** What one platform offers of the table. */
export type Offers = PlatformOffers<ProtocolTable>;
