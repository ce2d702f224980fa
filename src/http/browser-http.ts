/**
 * The browser HTTP backend: the page's `fetch`. The body is read as a stream
 * so the body limit stops the download and the download budget slows it, an
 * `AbortController` carries both cancellation and the whole-request timeout,
 * and what the browser forbids (some headers and methods, a body on GET, a
 * custom CA, a redirect limit other than 0 or the browser's own, redirects
 * the policy cannot see) fails the request with a clear error instead of
 * being silently changed by the browser.
 */
import type { Bandwidth } from "../core/bandwidth.js";
import { joinChunks } from "../core/bytes.js";
import { CUSTOM_CA_REFUSED, ERR, errorText } from "../core/errors.js";
import type { Limits } from "../core/limits.js";
import type { BackendFactory, BackendSettings } from "../core/protocol.js";
import { policyRefusal } from "../web/policy-check.js";
import { BROWSER_MAX_REDIRECTS } from "../web/redirects.js";
import type { HttpBackend, HttpOutcome, HttpRequestSpec } from "./backend.js";

/** Request headers the browser drops or refuses (the Fetch standard's forbidden names, plus user-agent). */
const FORBIDDEN_HEADERS = new Set([
  "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
  "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
  "origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "via",
]);
const FORBIDDEN_PREFIXES = ["proxy-", "sec-"];
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
const METHOD_OVERRIDES = new Set(["x-http-method", "x-http-method-override", "x-method-override"]);

/** Why the browser cannot send this request as asked, or undefined when it can. */
export function browserRefusal(spec: HttpRequestSpec, settings: BackendSettings): string | undefined {
  const { ca, limits } = settings;
  const maxRedirects = limits.maxRedirects;
  if (FORBIDDEN_METHODS.has(spec.method)) return `${ERR.notInBrowser}: method ${spec.method}`;
  if (spec.body !== undefined && (spec.method === "GET" || spec.method === "HEAD")) {
    return `${ERR.notInBrowser}: a body on ${spec.method}`;
  }
  for (const [name, value] of Object.entries(spec.headers)) {
    const lower = name.toLowerCase();
    const forbidden =
      FORBIDDEN_HEADERS.has(lower) ||
      FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix)) ||
      (METHOD_OVERRIDES.has(lower) && value.split(",").some((m) => FORBIDDEN_METHODS.has(m.trim().toUpperCase())));
    if (forbidden) return `${ERR.notInBrowser}: header ${lower}`;
  }
  if (spec.url.protocol === "https:" && ca.length > 0) return CUSTOM_CA_REFUSED;
  if (maxRedirects !== 0 && maxRedirects !== BROWSER_MAX_REDIRECTS) {
    return `${ERR.notInBrowser}: maxRedirects ${maxRedirects} (only 0 or ${BROWSER_MAX_REDIRECTS})`;
  }
  return policyRefusal(settings.policy, spec.url);
}

/** One request on the page's fetch: reports exactly one outcome. */
class BrowserRequest {
  private readonly controller = new AbortController();
  private settled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly limits: Limits,
    private readonly bandwidth: Bandwidth,
    /** With a policy, redirects are not followed: the page could not check where they lead. */
    private readonly underPolicy: boolean,
    private readonly done: (outcome: HttpOutcome) => void,
  ) {}

  /** Sends the request; the outcome arrives through `done`. */
  start(spec: HttpRequestSpec): void {
    if (this.limits.httpTimeoutMs > 0) {
      this.timer = setTimeout(() => this.cancel(ERR.timeout), this.limits.httpTimeoutMs);
    }
    const init: RequestInit = {
      method: spec.method,
      headers: spec.headers,
      body: spec.body as BodyInit | undefined,
      redirect: this.limits.maxRedirects === 0 || this.underPolicy ? "manual" : "follow",
      cache: "no-store",
      signal: this.controller.signal,
    };
    fetch(spec.url, init).then(
      (response) => this.read(response),
      (error: unknown) => this.finish({ ok: false, error: fetchErrorText(error) }),
    );
  }

  /** Ends the request with `reason` as its error and stops it on the wire. */
  cancel(reason: string): void {
    if (this.settled) return;
    this.finish({ ok: false, error: reason });
    this.controller.abort(reason);
  }

  /** Settles with a failure known before anything is sent. */
  refuse(reason: string): void {
    this.finish({ ok: false, error: reason });
  }

  private async read(response: Response): Promise<void> {
    if (response.type === "opaqueredirect") {
      return this.cancel(this.underPolicy ? `${ERR.notInBrowser}: following a redirect under a policy` : ERR.tooManyRedirects);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    try {
      for (let part = await reader?.read(); part !== undefined && !part.done; part = await reader?.read()) {
        size += part.value.length;
        if (size > this.limits.httpMaxBodyBytes) return this.cancel(ERR.responseTooLarge);
        chunks.push(part.value);
        if (this.bandwidth.received(part.value.length)) {
          await new Promise<void>((resume) => this.bandwidth.whenDownloadAvailable(resume));
        }
      }
    } catch (error) {
      return this.finish({ ok: false, error: fetchErrorText(error) });
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const body = joinChunks(chunks, size);
    this.finish({ ok: true, result: { status: response.status, statusText: response.statusText, headers, body } });
  }

  private finish(outcome: HttpOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    queueMicrotask(() => this.done(outcome));
  }
}

/** A fetch failure as an error text: the browser hides the reason of network failures (refused, CORS, TLS). */
function fetchErrorText(error: unknown): string {
  return error instanceof TypeError ? ERR.networkError : errorText(error);
}

/** Creates the fetch-backed HTTP backend of one runtime. */
export const createBrowserHttp: BackendFactory<HttpBackend> = (settings) => {
  const { limits, core, policy } = settings;
  return {
    send(spec, done) {
      const request = new BrowserRequest(limits, core.bandwidth, policy !== undefined, done);
      const refusal = browserRefusal(spec, settings);
      if (refusal === undefined) request.start(spec);
      else request.refuse(refusal);
      return (reason) => request.cancel(reason);
    },
    async shutdown() {},
  };
};
