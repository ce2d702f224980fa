/**
 * The Node TCP backend: `node:net` sockets and servers behind core handles.
 * Socket listeners are module-level functions that find their connection
 * through a symbol on the socket, so an open connection costs no closures.
 * With a host policy, every connect is checked on the address it reaches.
 */
import { isAscii } from "node:buffer";
import * as net from "node:net";
import { StringDecoder } from "node:string_decoder";
import { ERR, errorText } from "../core/errors.js";
import type { Handle, Payload, Transport } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";
import type { BackendFactory, BackendSettings } from "../core/protocol.js";
import { literalBlocked, policyLookup } from "../node/policy-lookup.js";
import { startDeadline, stopDeadline, type Deadline } from "../node/deadline.js";
import { boundPort, closeServer, destroyAndWait, formatAddress } from "../node/sockets.js";
import { blockedText, listenRefusal, type HostPolicy } from "../policy/policy.js";
import type { TcpBackend, TcpReceiveMode } from "./backend.js";

const OWNER = Symbol("tickwire.tcp");
/** Turns larger than this are written chunk by chunk under cork instead of joined. */
const JOIN_LIMIT = 64 * 1024;
/** Turns whose pieces average more than this are written under cork too: copying big strings into one costs more than a writev. */
const JOIN_PIECE_LIMIT = 1024;
/** A locally closed socket whose peer stays silent this long is destroyed. */
const CLOSE_LINGER_MS = 10_000;

type OwnedSocket = net.Socket & { [OWNER]?: TcpConnection };
type OwnedServer = net.Server & { [OWNER]?: TcpListener };

/** One TCP connection's transport. */
class TcpConnection implements Transport {
  /**
   * How chunks become payloads: "bytes" as they are, "text" decoded whole, or
   * the StringDecoder made once a chunk ended inside a UTF-8 character (pure-
   * ASCII peers never need one). One field, so an idle connection stays small.
   */
  private decoding: TcpReceiveMode | StringDecoder;

  constructor(
    readonly backend: NodeTcp,
    readonly handle: Handle,
    readonly socket: OwnedSocket,
    mode: TcpReceiveMode,
  ) {
    this.decoding = mode;
    socket[OWNER] = this;
    socket.setNoDelay(true);
    socket.on("data", onSocketData);
    socket.on("error", onSocketError);
    socket.on("close", onSocketClose);
  }

  /** Hands a chunk to the script, decoded when in text mode (ASCII, checked first, is copied rather than decoded). */
  receive(chunk: Buffer): void {
    if (this.decoding === "bytes") return this.core.deliver(this.handle, "data", chunk, chunk.length);
    const text = this.decoding === "text" ? this.decodeWhole(chunk) : this.decode(chunk);
    if (text.length > 0) this.core.deliver(this.handle, "data", text, chunk.length);
  }

  /** A chunk decoded on its own; one that ends inside a character starts the streaming decoder. */
  private decodeWhole(chunk: Buffer): string {
    if (isAscii(chunk)) return chunk.toString("latin1");
    return chunk[chunk.length - 1] < 0x80 ? chunk.toString("utf8") : this.decode(chunk);
  }

  /** Streaming decode, for chunks that may split a character. */
  private decode(chunk: Buffer): string {
    if (typeof this.decoding === "string") this.decoding = new StringDecoder("utf8");
    return this.decoding.write(chunk);
  }

  /** Flushes a character cut short by the peer's close. */
  finishText(): void {
    const rest = typeof this.decoding === "string" ? "" : this.decoding.end();
    if (rest.length > 0) this.core.deliver(this.handle, "data", rest, 0);
  }

  /** Small strings are joined into one write; larger pieces go out corked, one write each (a writev). */
  write(chunks: Payload[], bytes: number): void {
    const socket = this.socket;
    if (chunks.length === 1) {
      writeOne(socket, chunks[0] as string | Uint8Array, bytes);
    } else if (typeof chunks[0] === "string" && bytes <= JOIN_LIMIT && bytes <= chunks.length * JOIN_PIECE_LIMIT) {
      writeOne(socket, chunks.join(""), bytes);
    } else {
      socket.cork();
      for (const chunk of chunks) socket.write(chunk as string | Uint8Array);
      socket.uncork();
    }
  }

  pendingBytes(): number {
    return this.socket.writableLength;
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  close(): void {
    this.backend.lingering.add(this.socket);
    if (this.socket.connecting) return void this.socket.destroy();
    this.socket.end();
    this.socket.setTimeout(CLOSE_LINGER_MS, onLingerTimeout);
  }

  shutdown(): Promise<void> {
    return destroyAndWait(this.socket);
  }

  get core(): NetCore {
    return this.backend.core;
  }

  localPort(): number | undefined {
    return this.socket.localPort;
  }

  remoteAddr(): string | undefined {
    return formatAddress(this.socket.remoteAddress, this.socket.remotePort);
  }
}

/** Writes one piece; a string of `bytes` characters that is `bytes` UTF-8 bytes long is ASCII and copied as latin1 (no UTF-8 encoder). */
function writeOne(socket: net.Socket, chunk: string | Uint8Array, bytes: number): void {
  if (typeof chunk === "string" && chunk.length === bytes) socket.write(chunk, "latin1");
  else socket.write(chunk);
}

function onSocketData(this: OwnedSocket, chunk: Buffer): void {
  this[OWNER]?.receive(chunk);
}

/** The read callback of a text connection reading into the backend's one buffer; true keeps it reading (the receive buffer pauses it itself). */
function onSocketRead(this: OwnedSocket, bytes: number, buffer: Uint8Array): boolean {
  this[OWNER]?.receive((buffer as Buffer).subarray(0, bytes));
  return true;
}

function onSocketError(this: OwnedSocket, error: Error): void {
  const owner = this[OWNER];
  if (owner === undefined) return;
  owner.backend.lingering.add(this);
  owner.core.fail(owner.handle, errorText(error));
}

function onSocketClose(this: OwnedSocket): void {
  const owner = this[OWNER];
  if (owner === undefined) return;
  owner.backend.lingering.delete(this);
  owner.backend.stopConnectDeadline(owner);
  owner.finishText();
  owner.core.finish(owner.handle);
}

function onLingerTimeout(this: OwnedSocket): void {
  this.destroy();
}

function onSocketConnect(this: OwnedSocket): void {
  const owner = this[OWNER];
  if (owner === undefined) return;
  owner.backend.stopConnectDeadline(owner);
  owner.core.connected(owner.handle);
}

function onConnectTimeout(owner: TcpConnection): void {
  owner.backend.stopConnectDeadline(owner);
  owner.backend.lingering.add(owner.socket);
  owner.core.fail(owner.handle, ERR.timeout);
  owner.socket.destroy();
}

/** One TCP listener's transport. */
class TcpListener implements Transport {
  constructor(
    readonly backend: NodeTcp,
    readonly handle: Handle,
    readonly server: OwnedServer,
  ) {
    server[OWNER] = this;
    server.on("connection", onServerConnection);
    server.once("listening", onServerListening);
    server.on("error", onServerError);
  }

  /** Wraps an accepted socket in a connected handle and offers it to the script. */
  accept(socket: net.Socket): void {
    const core = this.backend.core;
    if (core.atConnectionLimit("tcp") || core.closed) {
      socket.destroy();
      return;
    }
    const client = core.open("tcp", "connected");
    core.attach(client, new TcpConnection(this.backend, client, socket, "text"));
    core.deliver(this.handle, "accepted", client.id, 0);
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

function onServerConnection(this: OwnedServer, socket: net.Socket): void {
  this[OWNER]?.accept(socket);
}

function onServerListening(this: OwnedServer): void {
  const owner = this[OWNER];
  if (owner !== undefined) owner.backend.core.bound(owner.handle);
}

function onServerError(this: OwnedServer, error: Error): void {
  const owner = this[OWNER];
  if (owner !== undefined) owner.backend.core.fail(owner.handle, errorText(error));
  this.close();
}

/** The Node TCP backend of one runtime. Open connections are reached through their handles; it only keeps the sockets that outlive theirs. */
class NodeTcp implements TcpBackend {
  /** Sockets whose handle ended while they are still open (closing, failing); an open connection costs no entry here. */
  readonly lingering = new Set<net.Socket>();
  /** Connect deadlines of the connections still connecting (kept here, so a connected one carries no field for it). */
  private readonly deadlines = new Map<TcpConnection, Deadline>();
  /** What text-mode client connections read into: a chunk is decoded before the next read, so one buffer serves them all. */
  private readonly readBuffer = Buffer.allocUnsafe(64 * 1024);
  readonly core: NetCore;
  private readonly policy: HostPolicy | undefined;

  constructor(settings: BackendSettings) {
    this.core = settings.core;
    this.policy = settings.policy;
  }

  /** Connects; with a policy, an IP literal is checked here and a name's addresses in the lookup hook. */
  connect(handle: Handle, host: string, port: number, mode: TcpReceiveMode): void {
    const { core, policy } = this;
    if (policy !== undefined && literalBlocked(policy, host, port)) {
      return core.fail(handle, blockedText(host));
    }
    const lookup = policy && policyLookup(policy, () => port);
    const onread = mode === "text" ? { buffer: this.readBuffer, callback: onSocketRead } : undefined;
    const socket: OwnedSocket = net.connect({ host, port, lookup, onread });
    const connection = new TcpConnection(this, handle, socket, mode);
    core.attach(handle, connection);
    socket.once("connect", onSocketConnect);
    const deadline = startDeadline(core.limits.connectTimeoutMs, onConnectTimeout, connection);
    if (deadline !== null) this.deadlines.set(connection, deadline);
  }

  listen(handle: Handle, port: number, host: string | undefined): void {
    const core = this.core;
    const refusal = listenRefusal(this.policy, port);
    if (refusal !== undefined) return core.fail(handle, refusal);
    const server: OwnedServer = net.createServer({ noDelay: true });
    core.attach(handle, new TcpListener(this, handle, server));
    server.listen({ port, host });
  }

  /** Stops a connection's connect deadline, if it has one running. */
  stopConnectDeadline(connection: TcpConnection): void {
    const deadline = this.deadlines.get(connection);
    if (deadline === undefined) return;
    stopDeadline(deadline);
    this.deadlines.delete(connection);
  }

  async shutdown(): Promise<void> {
    for (const connection of [...this.deadlines.keys()]) this.stopConnectDeadline(connection);
    await Promise.all([...this.lingering].map(destroyAndWait));
  }
}

/** Creates the Node TCP backend of one runtime. */
export const createNodeTcp: BackendFactory<TcpBackend> = (settings) => new NodeTcp(settings);
