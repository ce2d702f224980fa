/**
 * What the HTTP layer needs from a platform's HTTP client: send one request,
 * get exactly one outcome, be able to cancel it. Node uses undici, the
 * browser the page's `fetch`.
 */

import type { Backend } from "../core/protocol.js";

/** A request ready for the wire, already checked. */
export interface HttpRequestSpec {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** A complete response: any status code is a success of the transport. */
export interface HttpResult {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The one outcome of a request. */
export type HttpOutcome = { ok: true; result: HttpResult } | { ok: false; error: string };

/** Sends HTTP requests for one runtime. */
export interface HttpBackend extends Backend {
  /** Starts a request; `done` is called exactly once, never synchronously. Returns a function that cancels it. */
  send(spec: HttpRequestSpec, done: (outcome: HttpOutcome) => void): (reason: string) => void;
  /** Closes every pooled connection. */
  shutdown(): Promise<void>;
}
