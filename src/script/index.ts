/**
 * `tickwire/script`: the globals a game's TypeScript scripts see, for the
 * editor and `tsc`. Put `"types": ["tickwire/script"]` and `"lib": ["ES2022"]`
 * in the scripts folder's tsconfig.json (no DOM library). A host program's
 * own modules are typed by adding them to `TickwireModules`:
 * `declare global { interface TickwireModules { launch: Launch } }`.
 */
import "./web.js";
import type { Net } from "../protocols.js";
import type { NetworkModule } from "../api/network.js";
import type { Fetch } from "../api/network-fetch.js";
import type { Assets, Json, Log, Sys } from "../engine/modules.js";

export type { Net, NetworkModule, Assets, Json, Log, Sys };
export type { Socket, SocketStatus } from "../api/network-socket.js";
export type { FetchOptions, HttpMethod, Response } from "../api/network-fetch.js";
export type * from "../core/events.js";

declare global {
  /** The modules `access(name)` returns, by name. */
  interface TickwireModules {
    /** The seed 000 network module (after the host's `engine.installNetwork()`). */
    net: Net;
    /** The Scripter's Rift API, `{ Network, fetch }`, the same as the globals. */
    network: NetworkModule;
    sys: Sys;
    log: Log;
    json: Json;
    /** The mounted asset folder or `.pak` (after the host's `engine.mountAssets()`). */
    assets: Assets;
  }

  /** An installed module; throws an Error that says how to install it when it is not. */
  function access<K extends keyof TickwireModules>(name: K): TickwireModules[K];
  function access(name: string): unknown;

  /** Writes the arguments, joined with spaces, to the log with the runtime role as prefix. */
  function print(...args: unknown[]): void;

  /** Scripter's Rift sockets: `Network.Connect(host, port)` returns a polled `Socket` at once. */
  const Network: NetworkModule["Network"];

  /** Scripter's Rift `fetch`: resolves with the whole response and never rejects (status -1 on failure). */
  const fetch: Fetch;

  /** Engine events a script can await. */
  const Event: {
    /** Resolves at the next tick (with dt in seconds); each `await Event.OnTick` waits exactly one tick. */
    readonly OnTick: Promise<number>;
  };
}
