/**
 * The Node HTTP backend: undici's `Agent` (pooling, keep-alive, TLS with extra
 * CAs) composed with its redirect interceptor, driven through the `dispatch`
 * primitive so that the reason phrase, the body limit and cancellation are all
 * in reach. Compressed bodies are decoded once complete. Body bytes are
 * charged to the runtime's download budget; an overdrawn budget pauses the
 * response until it is back.
 */
import { rootCertificates } from "node:tls";
import { Agent, interceptors, type Dispatcher } from "undici";
import type { Bandwidth } from "../core/bandwidth.js";
import { ERR, errorText } from "../core/errors.js";
import type { BackendFactory } from "../core/protocol.js";
import type { HttpBackend, HttpOutcome, HttpRequestSpec } from "./backend.js";
import { createConnector } from "./node-connector.js";
import { decompressBody } from "./node-decompress.js";

/** undici's words for giving up on redirects: past the limit, or a loop it detected. */
const REDIRECT_FAILURE = /^(max redirects|redirect loop detected)/i;

type Controller = Parameters<NonNullable<Dispatcher.DispatchHandler["onResponseStart"]>>[0];

/** Collects one response under the body limit and reports one outcome. */
class ResponseCollector implements Dispatcher.DispatchHandler {
  private chunks: Buffer[] = [];
  private size = 0;
  private status = 0;
  private statusText = "";
  private headers: Record<string, string> = {};
  private controller: Controller | null = null;
  private settled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly maxBody: number,
    timeoutMs: number,
    private readonly bandwidth: Bandwidth,
    private readonly done: (outcome: HttpOutcome) => void,
  ) {
    if (timeoutMs > 0) this.timer = setTimeout(() => this.cancel(ERR.timeout), timeoutMs);
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

  onResponseStart(_c: Controller, status: number, headers: Record<string, string | string[]>, statusText: string): void {
    this.status = status;
    this.statusText = statusText;
    for (const [name, value] of Object.entries(headers)) {
      this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBody) return this.cancel(ERR.responseTooLarge);
    this.chunks.push(chunk);
    if (this.bandwidth.received(chunk.length)) {
      controller.pause();
      this.bandwidth.whenDownloadAvailable(() => this.settled || controller.resume());
    }
  }

  onResponseEnd(): void {
    const raw = Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    decompressBody(this.headers["content-encoding"], raw, this.maxBody, (body) => {
      if (typeof body === "string") return this.finish({ ok: false, error: body });
      this.finish({ ok: true, result: { status: this.status, statusText: this.statusText, headers: this.headers, body } });
    });
  }

  onResponseError(_c: Controller, error: Error): void {
    this.finish({ ok: false, error: REDIRECT_FAILURE.test(error.message) ? ERR.tooManyRedirects : errorText(error) });
  }

  private finish(outcome: HttpOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
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
  const dispatcher = agent.compose(
    interceptors.redirect({ maxRedirections: limits.maxRedirects }),
  );
  return {
    send(spec: HttpRequestSpec, done) {
      const collector = new ResponseCollector(limits.httpMaxBodyBytes, limits.httpTimeoutMs, bandwidth, done);
      const options: Dispatcher.DispatchOptions & { throwOnMaxRedirect: boolean } = {
        throwOnMaxRedirect: true,
        origin: spec.url.origin,
        path: spec.url.pathname + spec.url.search,
        method: spec.method as Dispatcher.HttpMethod,
        headers: spec.headers,
        body: spec.body,
      };
      try {
        dispatcher.dispatch(options, collector);
      } catch (error) {
        collector.cancel(errorText(error));
      }
      return (reason) => collector.cancel(reason);
    },
    shutdown() {
      return agent.destroy();
    },
  };
};
