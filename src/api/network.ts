/**
 * The `network` module of the Scripter's Rift API (seed 002;
 * docs/network.md): `Network.Connect` sockets and `fetch`, a thin layer over
 * the same core, TCP backend and HTTP client as `net`. Both are always there:
 * with TCP or HTTP off (or missing, as TCP is in a browser) they fail the way
 * a network failure does, as an "error" socket or a status -1 response.
 */
import type { NetCore } from "../core/net-core.js";
import type { Platform } from "../core/platform.js";
import type { Protocol, ServiceOf } from "../core/protocol.js";
import { httpProtocol } from "../http/protocol.js";
import { tcpProtocol } from "../tcp/protocol.js";
import { createFetch, type Fetch } from "./network-fetch.js";
import { connectSocket, type Socket } from "./network-socket.js";

/** `runtime.network`: the seed's `Network` object and `fetch`. */
export interface NetworkModule {
  Network: {
    /** Starts a TCP connection (host name, IPv4 or IPv6 literal) and returns its socket at once. */
    Connect(host: string, port: number): Socket;
  };
  /** Sends an HTTP request; resolves with the whole response, never rejects. */
  fetch: Fetch;
}

/** The service of a protocol in this runtime, or undefined when it is off. */
export type ServiceLookup = <P extends Protocol>(protocol: P) => ServiceOf<P> | undefined;

/** Builds `runtime.network` over the runtime's core and the services of TCP and HTTP. */
export function createNetwork(core: NetCore, serviceOf: ServiceLookup, platform: Platform): NetworkModule {
  const tcp = serviceOf(tcpProtocol);
  return {
    Network: {
      Connect: (host, port) => connectSocket(core, tcp, platform, host, port),
    },
    fetch: createFetch(core, serviceOf(httpProtocol), platform),
  };
}
