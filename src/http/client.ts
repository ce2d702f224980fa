/**
 * The platform-neutral HTTP client both APIs share: it keeps at most
 * `maxRequestsInFlight` requests on the wire and lets up to
 * `maxRequestsQueued` more wait their turn, in order, before refusing. On
 * runtime shutdown it cancels every request it holds, including ones whose
 * backend is still loading. A request body is charged to the runtime's upload
 * budget when the request is made, and refused while that budget is overdrawn.
 */
import type { Bandwidth } from "../core/bandwidth.js";
import { Deque } from "../core/deque.js";
import { LinkedList, type Link } from "../core/linked-list.js";
import { ERR } from "../core/errors.js";
import type { Lazy } from "../core/lazy.js";
import type { Limits } from "../core/limits.js";
import type { HttpBackend, HttpOutcome, HttpRequestSpec } from "./backend.js";

interface Job {
  spec: HttpRequestSpec;
  done: (outcome: HttpOutcome) => void;
  cancel: ((reason: string) => void) | null;
  settled: boolean;
  /** Its place among the open jobs. */
  link: Link<Job> | null;
}

/** Sends requests through a backend under the in-flight and queue limits. */
export class HttpClient {
  private inFlight = 0;
  private readonly waiting = new Deque<Job>();
  /** Every job not yet settled, waiting or on the wire. */
  private readonly open = new LinkedList<Job>();
  private closed = false;

  constructor(
    private readonly backend: Lazy<HttpBackend>,
    private readonly limits: Limits,
    private readonly bandwidth: Bandwidth,
  ) {}

  /** Sends `spec` when a slot is free; `done` runs exactly once, never synchronously. Returns a cancel function. */
  request(spec: HttpRequestSpec, done: (outcome: HttpOutcome) => void): (reason: string) => void {
    const job: Job = { spec, done, cancel: null, settled: false, link: null };
    job.link = this.open.push(job);
    const slotFree = this.inFlight < this.limits.maxRequestsInFlight;
    const refused = this.refusal(spec, slotFree);
    if (refused !== undefined) this.settle(job, { ok: false, error: refused });
    else if (slotFree) this.start(job);
    else this.waiting.push(job);
    return (reason) => this.cancel(job, reason);
  }

  /** Cancels every request, waiting or on the wire, and refuses new ones (runtime shutdown). */
  close(): void {
    this.closed = true;
    for (const job of this.open.values()) this.cancel(job, ERR.runtimeClosed);
  }

  private cancel(job: Job, reason: string): void {
    if (job.cancel !== null) job.cancel(reason);
    else this.settle(job, { ok: false, error: reason });
  }

  /** Why a new request cannot be taken, or undefined; when it can, its body is charged to the upload budget. */
  private refusal(spec: HttpRequestSpec, slotFree: boolean): string | undefined {
    if (this.closed) return ERR.runtimeClosed;
    if (!slotFree && this.waiting.length >= this.limits.maxRequestsQueued) return ERR.tooManyRequests;
    if (!this.bandwidth.trySend(bodyBytes(spec.body))) return ERR.rateLimited;
    return undefined;
  }

  private start(job: Job): void {
    this.inFlight++;
    this.backend.use(
      (backend) => {
        if (job.settled) return this.release();
        job.cancel = backend.send(job.spec, (outcome) => {
          this.release();
          this.settle(job, outcome, true);
        });
      },
      (why) => {
        this.release();
        this.settle(job, { ok: false, error: why });
      },
    );
  }

  private release(): void {
    this.inFlight--;
    for (let job = this.waiting.shift(); job !== undefined; job = this.waiting.shift()) {
      if (!job.settled) return this.start(job);
    }
  }

  /** Ends a job once: `done` runs at once for a backend's outcome, which never arrives synchronously, else in a microtask. */
  private settle(job: Job, outcome: HttpOutcome, fromBackend = false): void {
    if (job.settled) return;
    job.settled = true;
    if (job.link !== null) this.open.remove(job.link);
    if (fromBackend) job.done(outcome);
    else queueMicrotask(() => job.done(outcome));
  }
}

const encoder = new TextEncoder();

/** Size of a request body in bytes. */
function bodyBytes(body: string | Uint8Array | undefined): number {
  if (body === undefined) return 0;
  return typeof body === "string" ? encoder.encode(body).length : body.length;
}
