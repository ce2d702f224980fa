/**
 * The Node HTTP backend: undici's `Agent` (pooling, keep-alive, TLS with extra
 * CAs), driven through the `dispatch` primitive so that the reason phrase, the
 * body limit and cancellation are all in reach. Redirects cost nothing until
 * one arrives: a request goes straight to the agent, and only a 3xx with a
 * Location hands the rest of the exchange to undici's own `RedirectHandler`
 * (its method and header rules; each hop's connection is checked by the
 * connector's host policy). Request deadlines share one coarse sweep per
 * runtime instead of a timer each. Compressed bodies are decoded once complete. Body
 * bytes are charged to the runtime's download budget; an overdrawn budget
 * pauses the response until it is back.
 */
import { rootCertificates } from "node:tls";
import { Agent, RedirectHandler, type Dispatcher } from "undici";
import type { Bandwidth } from "../core/bandwidth.js";
import { ERR, errorText } from "../core/errors.js";
import type { BackendFactory } from "../core/protocol.js";
import type { HttpBackend, HttpOutcome, HttpRequestSpec } from "./backend.js";
import { DeadlineSweep, type SweptDeadline } from "../node/deadline-sweep.js";
import { createConnector } from "./node-connector.js";
import { decompressBody } from "./node-decompress.js";

/** undici's words for giving up on redirects: past the limit, or a loop it detected. */
const REDIRECT_FAILURE = /^(max redirects|redirect loop detected)/i;
/** The statuses undici's RedirectHandler follows. */
const REDIRECT_STATUSES = new Set([300, 301, 302, 303, 307, 308]);

/** The headers of a response not yet started (never written to). */
const EMPTY_HEADERS: Record<string, string> = Object.freeze({});

type Controller = Parameters<NonNullable<Dispatcher.DispatchHandler["onResponseStart"]>>[0];

/** How the backend sends: the agent's dispatch, the redirect limit and the request deadlines (one per runtime, shared by its requests). */
interface Route {
  dispatch: Dispatcher.Dispatch;
  maxRedirects: number;
  deadlines: DeadlineSweep<ResponseCollector>;
}

/** Collects one response under the body limit and reports one outcome. */
class ResponseCollector implements Dispatcher.DispatchHandler {
  private chunks: Buffer[] = [];
  private size = 0;
  private status = 0;
  private statusText = "";
  private headers: Record<string, string> = EMPTY_HEADERS;
  private controller: Controller | null = null;
  private settled = false;
  /** undici's redirect handler, once a first 3xx arrived; later hops reach this collector through it. */
  private redirects: Dispatcher.DispatchHandler | null = null;
  /** The redirect handler while it consumes the first hop's 3xx (whose body and end it owns). */
  private hop: Dispatcher.DispatchHandler | null = null;
  /** This request's entry in the runtime's deadline sweep. */
  private readonly deadline: SweptDeadline<ResponseCollector> | null;

  constructor(
    private readonly route: Route,
    private readonly spec: HttpRequestSpec,
    private readonly maxBody: number,
    private readonly bandwidth: Bandwidth,
    private readonly done: (outcome: HttpOutcome) => void,
  ) {
    this.deadline = route.deadlines.start(this);
  }

  /** Ends the request with `reason` as its error. */
  cancel(reason: string): void {
    if (this.settled) return;
    this.finish({ ok: false, error: reason });
    this.controller?.abort(new Error(reason));
  }

  onRequestStart(controller: Controller): void {
    this.controller = controller;
    if (this.settled) controller.abort(new Error(ERR.cancelled));
  }

  onResponseStart(controller: Controller, status: number, headers: Record<string, string | string[]>, statusText: string): void {
    if (this.redirects === null && headers.location !== undefined && REDIRECT_STATUSES.has(status) && this.route.maxRedirects > 0) {
      return this.followRedirects(controller, status, headers, statusText);
    }
    this.hop = null;
    this.status = status;
    this.statusText = statusText;
    this.headers = flatHeaders(headers);
  }

  /**
   * Hands the first 3xx to undici's RedirectHandler, which follows it (and any
   * later ones) with fetch's method and header rules, or passes the response
   * back here when it will not (then `hop` is cleared by the re-entrant call).
   */
  private followRedirects(controller: Controller, status: number, headers: Record<string, string | string[]>, statusText: string): void {
    const route = this.route;
    const redirects: Dispatcher.DispatchHandler = new RedirectHandler(route.dispatch, route.maxRedirects, dispatchOptions(this.spec), this);
    this.redirects = redirects;
    this.hop = redirects;
    redirects.onResponseStart?.(controller, status, headers, statusText);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    if (this.hop !== null) return void this.hop.onResponseData?.(controller, chunk);
    this.size += chunk.length;
    if (this.size > this.maxBody) return this.cancel(ERR.responseTooLarge);
    this.chunks.push(chunk);
    if (this.bandwidth.received(chunk.length)) {
      controller.pause();
      this.bandwidth.whenDownloadAvailable(() => this.settled || controller.resume());
    }
  }

  onResponseEnd(controller: Controller, trailers: Record<string, string | string[]>): void {
    const hop = this.hop;
    this.hop = null;
    if (hop !== null) return hop.onResponseEnd?.(controller, trailers);
    const raw = Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    decompressBody(this.headers["content-encoding"], raw, this.maxBody, (body) => {
      if (typeof body === "string") return this.finish({ ok: false, error: body });
      this.finish({ ok: true, result: { status: this.status, statusText: this.statusText, headers: this.headers, body } });
    });
  }

  onResponseError(_c: Controller, error: Error): void {
    this.hop = null;
    this.finish({ ok: false, error: REDIRECT_FAILURE.test(error.message) ? ERR.tooManyRedirects : errorText(error) });
  }

  private finish(outcome: HttpOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.route.deadlines.stop(this.deadline);
    this.chunks = [];
    queueMicrotask(() => this.done(outcome));
  }
}

/** Creates the undici-backed HTTP backend of one runtime. */
export const createNodeHttp: BackendFactory<HttpBackend> = (settings) => {
  const { limits } = settings;
  const bandwidth = settings.core.bandwidth;
  const ca = settings.ca.length > 0 ? [...rootCertificates, ...settings.ca] : undefined;
  const agent = new Agent({ connect: createConnector({ ca, timeout: limits.connectTimeoutMs }, settings.policy) });
  const deadlines = new DeadlineSweep<ResponseCollector>(limits.httpTimeoutMs, expireRequest);
  const route: Route = { dispatch: agent.dispatch.bind(agent), maxRedirects: limits.maxRedirects, deadlines };
  return {
    send(spec: HttpRequestSpec, done) {
      const collector = new ResponseCollector(route, spec, limits.httpMaxBodyBytes, bandwidth, done);
      try {
        route.dispatch(dispatchOptions(spec), collector);
      } catch (error) {
        collector.cancel(errorText(error));
      }
      return (reason) => collector.cancel(reason);
    },
    shutdown() {
      deadlines.close();
      return agent.destroy();
    },
  };
};

/**
 * A response's headers with repeated ones joined by ", ". undici hands each
 * response a fresh object with lower-case names (the tests hold it to that),
 * so that object is kept and its lists joined in place.
 */
function flatHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== "string") headers[name] = (value as string[]).join(", ");
  }
  return headers as Record<string, string>;
}

/** A request past `httpTimeoutMs` ends in a timeout. */
function expireRequest(collector: ResponseCollector): void {
  collector.cancel(ERR.timeout);
}

/** undici's options for the first hop of `spec`, fresh each call (RedirectHandler rewrites its copy hop by hop); `throwOnMaxRedirect` makes it fail past the limit. */
function dispatchOptions(spec: HttpRequestSpec): Dispatcher.DispatchOptions & { throwOnMaxRedirect: boolean } {
  return {
    throwOnMaxRedirect: true,
    origin: spec.url.origin,
    path: spec.url.pathname + spec.url.search,
    method: spec.method as Dispatcher.HttpMethod,
    headers: spec.headers,
    body: spec.body,
  };
}
