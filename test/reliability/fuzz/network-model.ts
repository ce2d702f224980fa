/**
 * What the fuzzer checks of the Scripter's Rift API (`runtime.network`,
 * docs/network.md): every socket's status is one of the seed's and never leaves
 * "error" or "fin" once there, `available` is a byte count, and every
 * `fetch` resolves (never rejects) to a well-formed response.
 */
import type { Response, Socket } from "../../../src/index.js";

const STATUSES = new Set(["connecting", "connected", "error", "fin"]);
const FINAL = new Set(["error", "fin"]);
/** Sockets checked after each call: the newest ones (older ones were checked while they were new). */
const TRACKED = 200;

/** Sockets and fetches of one fuzz run. */
export class NetworkModel {
  readonly sockets: Socket[] = [];
  private readonly lastStatus = new Map<Socket, string>();
  /** Fetches started and not yet resolved. */
  pendingFetches = 0;
  fetchesResolved = 0;
  readonly problems: string[] = [];

  /** Files a socket `Network.Connect` returned. */
  adoptSocket(socket: unknown): string | undefined {
    if (typeof socket !== "object" || socket === null || typeof (socket as Socket).read !== "function") {
      return `Network.Connect returned ${String(socket)}`;
    }
    this.sockets.push(socket as Socket);
    if (this.sockets.length > TRACKED) this.lastStatus.delete(this.sockets.shift() as Socket);
    return undefined;
  }

  /** Follows a fetch until it resolves, filing any problem with the response or a rejection. */
  follow(call: () => Promise<Response>): string | undefined {
    let promise: Promise<Response>;
    try {
      promise = call();
    } catch (error) {
      return `fetch threw: ${String(error)}`;
    }
    if (!(promise instanceof Promise)) return `fetch returned ${String(promise)}`;
    this.pendingFetches++;
    promise.then(
      (response) => {
        this.pendingFetches--;
        this.fetchesResolved++;
        const problem = responseProblem(response);
        if (problem !== undefined) this.problems.push(problem);
      },
      (error: unknown) => {
        this.pendingFetches--;
        this.problems.push(`fetch rejected: ${String(error)}`);
      },
    );
    return undefined;
  }

  /** Checks every tracked socket's state. */
  check(): string[] {
    const problems = this.problems.splice(0);
    for (const socket of this.sockets) {
      const status = socket.status;
      const before = this.lastStatus.get(socket);
      if (!STATUSES.has(status)) problems.push(`socket status ${JSON.stringify(status)}`);
      if (before !== undefined && FINAL.has(before) && status !== before) problems.push(`socket went from ${before} to ${status}`);
      this.lastStatus.set(socket, status);
      if (!Number.isInteger(socket.available) || socket.available < 0) problems.push(`socket.available ${socket.available}`);
      if (status === "error" && typeof socket.error !== "string") problems.push("an error socket without an error text");
    }
    return problems;
  }
}

/** Why a fetch response is malformed, or undefined. */
function responseProblem(response: Response): string | undefined {
  const { status, statusMessage, headers, body, error } = response;
  if (!(status === -1 || (Number.isInteger(status) && status >= 100 && status <= 599))) return `fetch status ${status}`;
  if (status === -1 && (statusMessage !== "socket error" || typeof error !== "string")) return `failed fetch reads ${statusMessage} / ${error}`;
  if (typeof statusMessage !== "string" || typeof headers !== "object" || !(body instanceof Uint8Array)) return "malformed fetch response";
  if (Object.keys(headers).some((name) => name !== name.toLowerCase())) return "fetch header name not lower-case";
  if (typeof response.text() !== "string") return "response.text() is not text";
  response.json();
  return undefined;
}
