/**
 * The Node WebSocket backend: the `ws` library's client and server behind
 * core handles. Client and server connections share one transport class; a
 * single timer per runtime pings every connection and ends the ones whose
 * peer stopped answering. With a host policy, client connects are checked on
 * the address they reach and listening can be refused.
 */
import type { Socket } from "node:net";
import { rootCertificates } from "node:tls";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { unbracket, urlPort } from "../core/args.js";
import { ERR, errorText } from "../core/errors.js";
import type { Handle, Payload, Transport } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";
import type { BackendFactory, BackendSettings } from "../core/protocol.js";
import { literalBlocked, policyLookup } from "../node/policy-lookup.js";
import { startDeadline, stopDeadline, type Deadline } from "../node/deadline.js";
import { boundPort, closeServer, destroyAndWait, formatAddress } from "../node/sockets.js";
import { blockedText, listenRefusal, type HostPolicy } from "../policy/policy.js";
import type { WsBackend } from "./backend.js";
import { writeMessages } from "./frame-writer.js";

const OWNER = Symbol("tickwire.ws");

type OwnedWebSocket = WebSocket & { [OWNER]?: WsConnection };
type OwnedServer = WebSocketServer & { [OWNER]?: WsListener };

/** One WebSocket connection's transport, client or accepted. */
class WsConnection implements Transport {
  socket: Socket | null = null;
  /** Cleared by each ping sweep, set by the pong. */
  alive = true;
  /** The whole-handshake deadline of a client connection (ws's own timeout is an idle timeout a slow peer can dodge). */
  connectDeadline: Deadline = null;

  constructor(
    readonly backend: NodeWs,
    readonly core: NetCore,
    readonly handle: Handle,
    readonly ws: OwnedWebSocket,
    /** Client connections mask their frames, accepted ones do not. */
    private readonly masked: boolean,
  ) {
    ws[OWNER] = this;
    ws.binaryType = "nodebuffer";
    ws.on("message", onWsMessage);
    ws.on("close", onWsClose);
    ws.on("error", onWsError);
    ws.on("pong", onWsPong);
    backend.connections.add(this);
  }

  write(chunks: Payload[]): void {
    writeMessages(this.ws, this.socket, this.masked, chunks);
  }

  pendingBytes(): number {
    return this.ws.bufferedAmount;
  }

  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  close(code = 1000, reason = ""): { code: number; reason: string } {
    this.ws.close(code, reason);
    return { code, reason };
  }

  shutdown(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    const gone = new Promise<void>((resolve) => this.ws.once("close", () => resolve()));
    this.ws.terminate();
    return this.socket === null ? gone : Promise.all([gone, destroyAndWait(this.socket)]).then(() => undefined);
  }

  localPort(): number | undefined {
    return this.socket?.localPort;
  }

  remoteAddr(): string | undefined {
    return formatAddress(this.socket?.remoteAddress, this.socket?.remotePort);
  }

  /** Ends the handle with an error and drops the connection. */
  fail(why: string): void {
    this.connectDeadline = stopDeadline(this.connectDeadline);
    this.core.fail(this.handle, why);
    this.ws.terminate();
  }
}

function onWsMessage(this: OwnedWebSocket, data: RawData, isBinary: boolean): void {
  const owner = this[OWNER];
  if (owner === undefined) return;
  const buffer = data as Buffer;
  const payload = isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString("utf8");
  owner.core.deliver(owner.handle, "message", payload, buffer.length);
}

function onWsClose(this: OwnedWebSocket, code: number, reason: Buffer): void {
  const owner = this[OWNER];
  if (owner === undefined) return;
  owner.connectDeadline = stopDeadline(owner.connectDeadline);
  owner.backend.connections.delete(owner);
  owner.core.finish(owner.handle, { code, reason: reason.toString("utf8") });
}

/** ws reports a handshake past `handshakeTimeout` with this message and no code. */
const HANDSHAKE_TIMEOUT = "Opening handshake has timed out";

function onWsError(this: OwnedWebSocket, error: Error): void {
  this[OWNER]?.fail(error.message === HANDSHAKE_TIMEOUT ? ERR.timeout : errorText(error));
}

function onWsPong(this: OwnedWebSocket): void {
  const owner = this[OWNER];
  if (owner !== undefined) owner.alive = true;
}

function onWsOpen(this: OwnedWebSocket): void {
  const owner = this[OWNER];
  if (owner === undefined) return;
  owner.connectDeadline = stopDeadline(owner.connectDeadline);
  owner.core.connected(owner.handle);
}

function onConnectTimeout(owner: WsConnection): void {
  owner.fail(ERR.timeout);
}

function onWsUpgrade(this: OwnedWebSocket, response: { socket: Socket }): void {
  const owner = this[OWNER];
  if (owner !== undefined) owner.socket = response.socket;
}

/** One WebSocket server's transport. */
class WsListener implements Transport {
  constructor(
    readonly backend: NodeWs,
    readonly core: NetCore,
    readonly handle: Handle,
    readonly server: OwnedServer,
  ) {
    server[OWNER] = this;
    server.on("connection", onServerConnection);
    server.once("listening", onServerListening);
    server.on("error", onServerError);
  }

  /** Wraps an accepted WebSocket in a connected handle and offers it to the script. */
  accept(ws: WebSocket, socket: Socket): void {
    if (this.core.atConnectionLimit("ws") || this.core.closed) {
      ws.terminate();
      return;
    }
    const client = this.core.open("ws", "connected");
    const connection = new WsConnection(this.backend, this.core, client, ws, false);
    connection.socket = socket;
    this.core.attach(client, connection);
    this.core.deliver(this.handle, "accepted", client.id, 0);
  }

  close(): void {
    this.server.close();
  }

  shutdown(): Promise<void> {
    return closeServer(this.server);
  }

  localPort(): number | undefined {
    return boundPort(this.server);
  }
}

function onServerConnection(this: OwnedServer, ws: WebSocket, request: { socket: Socket }): void {
  this[OWNER]?.accept(ws, request.socket);
}

function onServerListening(this: OwnedServer): void {
  const owner = this[OWNER];
  if (owner !== undefined) owner.core.bound(owner.handle);
}

function onServerError(this: OwnedServer, error: Error): void {
  const owner = this[OWNER];
  if (owner !== undefined) owner.core.fail(owner.handle, errorText(error));
  this.close();
}

/** The `ws`-backed WebSocket backend of one runtime. */
class NodeWs implements WsBackend {
  /** Every connection until its socket is gone, locally closed ones included. */
  readonly connections = new Set<WsConnection>();
  private readonly pinger: ReturnType<typeof setInterval> | undefined;
  private readonly core: NetCore;
  private readonly ca: string[] | undefined;
  private readonly policy: HostPolicy | undefined;

  constructor(settings: BackendSettings) {
    const core = settings.core;
    this.core = core;
    this.ca = settings.ca.length > 0 ? [...rootCertificates, ...settings.ca] : undefined;
    this.policy = settings.policy;
    const interval = core.limits.wsPingIntervalMs;
    if (interval > 0) {
      this.pinger = setInterval(() => this.sweep(), interval);
      this.pinger.unref();
    }
  }

  connect(handle: Handle, url: URL): void {
    const core = this.core;
    const limits = core.limits;
    const policy = this.policy;
    const host = unbracket(url.hostname);
    const port = urlPort(url);
    if (policy !== undefined && literalBlocked(policy, host, port)) {
      return core.fail(handle, blockedText(host));
    }
    const ws: OwnedWebSocket = new WebSocket(url, {
      lookup: policy && policyLookup(policy, () => port),
      ca: this.ca,
      handshakeTimeout: limits.connectTimeoutMs,
      maxPayload: limits.wsMaxMessageBytes,
      perMessageDeflate: false,
    });
    const connection = new WsConnection(this, core, handle, ws, true);
    core.attach(handle, connection);
    connection.connectDeadline = startDeadline(limits.connectTimeoutMs, onConnectTimeout, connection);
    ws.once("open", onWsOpen);
    ws.once("upgrade", onWsUpgrade);
  }

  readonly listen = (handle: Handle, port: number, host: string | undefined): void => {
    const core = this.core;
    const refusal = listenRefusal(this.policy, port);
    if (refusal !== undefined) return core.fail(handle, refusal);
    const server: OwnedServer = new WebSocketServer({
      port,
      host,
      maxPayload: core.limits.wsMaxMessageBytes,
      perMessageDeflate: false,
    });
    core.attach(handle, new WsListener(this, core, handle, server));
  };

  async shutdown(): Promise<void> {
    clearInterval(this.pinger);
    await Promise.all([...this.connections].map((connection) => connection.shutdown()));
  }

  /** Ends connections that missed the last ping, pings the rest. */
  private sweep(): void {
    for (const connection of this.connections) {
      if (connection.handle.finished) continue;
      if (!connection.alive) {
        connection.fail(ERR.peerUnresponsive);
      } else if (connection.ws.readyState === WebSocket.OPEN) {
        connection.alive = false;
        connection.ws.ping();
      }
    }
  }
}

/** Creates the `ws`-backed WebSocket backend of one runtime. */
export const createNodeWs: BackendFactory<WsBackend> = (settings) => new NodeWs(settings);
