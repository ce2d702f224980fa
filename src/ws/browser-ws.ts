/**
 * The browser WebSocket backend: the page's `WebSocket` behind core handles.
 * Binary messages arrive as `ArrayBuffer` and reach the script as
 * `Uint8Array`; send backpressure reads `bufferedAmount`. A browser WebSocket
 * cannot stop reading, so while the core has paused a connection (its script
 * is behind, or the download budget is spent) arriving messages are held here,
 * in order, and handed on when it resumes: the page's stand-in for the
 * kernel's buffer. That buffer is bounded too: past `recvBufferBytes` held,
 * everything held goes to the script's inbox and the connection ends with
 * "receive buffer full" (closed with code 4008), so memory stays bounded and
 * no message is dropped silently. The transport object is its socket's event
 * listener (`handleEvent`), so no closure is made per socket.
 */
import { Deque } from "../core/deque.js";
import { CUSTOM_CA_REFUSED, ERR } from "../core/errors.js";
import type { Handle, Payload, Transport } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";
import type { BackendFactory } from "../core/protocol.js";
import { policyRefusal } from "../web/policy-check.js";
import { utf8Length } from "../web/utf8.js";
import type { WsBackend } from "./backend.js";

/** Close codes sent when the runtime ends a connection itself (a page may only send 1000 or 3000-4999). */
export const CLOSE_RECEIVE_BUFFER_FULL = 4008;
export const CLOSE_MESSAGE_TOO_LARGE = 4009;

/** How long `runtime.close()` waits for a socket's close event; a peer that never answers is left to the browser. */
export const CLOSE_WAIT_MS = 1000;

const SOCKET_EVENTS = ["open", "message", "error", "close"] as const;

/** A received message and its size in bytes. */
interface Received {
  data: string | Uint8Array;
  bytes: number;
}

/** One browser WebSocket's transport. */
class BrowserWsConnection implements Transport {
  /** Set while the core wants reading stopped. */
  private paused = false;
  /** Messages that arrived while paused, oldest first. */
  private readonly held = new Deque<Received>();
  private heldBytes = 0;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves once the socket's close event has fired. */
  private readonly gone: Promise<void>;
  private markGone!: () => void;

  constructor(
    private readonly core: NetCore,
    private readonly handle: Handle,
    private readonly ws: WebSocket,
    private readonly open: Set<BrowserWsConnection>,
  ) {
    this.gone = new Promise((resolve) => (this.markGone = resolve));
    open.add(this);
    ws.binaryType = "arraybuffer";
    for (const type of SOCKET_EVENTS) ws.addEventListener(type, this);
    const timeout = core.limits.connectTimeoutMs;
    if (timeout > 0) this.connectTimer = setTimeout(() => this.fail(ERR.timeout), timeout);
  }

  /** The one listener of every socket event. */
  handleEvent(event: Event): void {
    if (event.type === "message") return this.receive((event as MessageEvent).data as string | ArrayBuffer);
    clearTimeout(this.connectTimer);
    if (event.type === "open") return this.core.connected(this.handle);
    this.release();
    if (event.type === "error") return this.core.fail(this.handle, ERR.networkError);
    const { code, reason } = event as CloseEvent;
    for (const type of SOCKET_EVENTS) this.ws.removeEventListener(type, this);
    this.open.delete(this);
    this.core.finish(this.handle, { code, reason });
    this.markGone();
  }

  write(chunks: Payload[]): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    for (const chunk of chunks) this.ws.send(chunk as string | Uint8Array<ArrayBuffer>);
  }

  pendingBytes(): number {
    return this.ws.bufferedAmount;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    while (!this.paused && this.held.length > 0) this.pass(this.takeHeld());
  }

  close(code = 1000, reason = ""): { code: number; reason: string } {
    clearTimeout(this.connectTimer);
    this.ws.close(code, reason);
    return { code, reason };
  }

  shutdown(): Promise<void> {
    clearTimeout(this.connectTimer);
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) {
      this.ws.close(1000, ERR.runtimeClosed);
    }
    return within(this.gone, CLOSE_WAIT_MS);
  }

  private receive(data: string | ArrayBuffer): void {
    const bytes = typeof data === "string" ? utf8Length(data) : data.byteLength;
    if (bytes > this.core.limits.wsMaxMessageBytes) return this.fail(ERR.messageTooLarge, CLOSE_MESSAGE_TOO_LARGE);
    const message = { data: typeof data === "string" ? data : new Uint8Array(data), bytes };
    if (!this.paused && this.held.length === 0) return this.pass(message);
    this.held.push(message);
    this.heldBytes += bytes;
    if (this.heldBytes > this.core.limits.recvBufferBytes) this.fail(ERR.receiveBufferFull, CLOSE_RECEIVE_BUFFER_FULL);
  }

  private pass(message: Received): void {
    this.core.deliver(this.handle, "message", message.data, message.bytes);
  }

  private takeHeld(): Received {
    const message = this.held.shift() as Received;
    this.heldBytes -= message.bytes;
    return message;
  }

  /** Hands every held message to the script's inbox, paused or not (before the handle ends). */
  private release(): void {
    while (this.held.length > 0) this.pass(this.takeHeld());
  }

  /** Ends the handle with an error, after what was received, and closes the socket, telling the peer why. */
  private fail(why: string, code = 1000): void {
    clearTimeout(this.connectTimer);
    this.release();
    this.core.fail(this.handle, why);
    this.ws.close(code, why);
  }
}

/** Resolves when `promise` does or after `ms`, whichever comes first. */
function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, waited]).finally(() => clearTimeout(timer));
}

/** Creates the WebSocket-backed backend of one page; it cannot listen. */
export const createBrowserWs: BackendFactory<WsBackend> = (settings) => {
  const core = settings.core;
  /** Every socket until its close event, locally closed ones included. */
  const open = new Set<BrowserWsConnection>();
  return {
    connect(handle: Handle, url: URL) {
      if (url.protocol === "wss:" && settings.ca.length > 0) {
        return core.fail(handle, CUSTOM_CA_REFUSED);
      }
      const refusal = policyRefusal(settings.policy, url);
      if (refusal !== undefined) return core.fail(handle, refusal);
      core.attach(handle, new BrowserWsConnection(core, handle, new WebSocket(url), open));
    },
    listen: undefined,
    async shutdown() {
      await Promise.all([...open].map((connection) => connection.shutdown()));
    },
  };
};
