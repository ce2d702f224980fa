/**
 * The Node UDP backend: `node:dgram` sockets behind core handles (SPEC 12).
 * A socket opened on no host is one dual-stack `udp6` socket bound to `::`,
 * so one handle talks to IPv4 and IPv6 peers. Each turn's datagrams are sent
 * one `send` each; names are resolved through a short-lived cache, and the
 * host policy judges every destination after DNS (literals too) and every
 * source. What cannot be sent, and what arrives past the receive buffer or
 * from a forbidden source, is counted and reported by `"udp_dropped"`.
 * Socket listeners are module-level functions that find their owner through
 * a symbol on the socket.
 */
import * as dgram from "node:dgram";
import { isIP } from "node:net";
import { ERR, errorText } from "../core/errors.js";
import type { Handle, Payload, Transport } from "../core/handle.js";
import { LastResult } from "../core/last-result.js";
import type { NetCore } from "../core/net-core.js";
import type { BackendFactory, BackendSettings } from "../core/protocol.js";
import { formatAddress } from "../node/sockets.js";
import { blockedText, listenRefusal, type HostPolicy } from "../policy/policy.js";
import type { OutgoingDatagram, UdpBackend, UdpReceiveMode } from "./backend.js";
import { DropReports } from "./drop-reports.js";
import { NameCache, type Answer } from "./name-cache.js";

const OWNER = Symbol("tickwire.udp");
/** Bookkeeping bytes each datagram held here counts against `recvBufferBytes` (undelivered) or `sendBufferBytes` (waiting for a name), so empty ones cannot pile up without bound. */
const DATAGRAM_OVERHEAD = 64;
/** An IPv4 peer as a dual-stack socket sees it. */
const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;
/** Peers a socket sent to by an allowed name, remembered so their answers pass the policy. */
const MAX_LEARNED_PEERS = 1_024;

type OwnedSocket = dgram.Socket & { [OWNER]?: UdpSocket };

/** A datagram waiting to be sent in turn, with its destination's addresses once known. */
interface Resolving {
  datagram: OutgoingDatagram;
  answer: Answer | undefined;
}

/**
 * The sockets' lookup: every address they are given is a literal (names go
 * through the cache first), so it answers at once and the datagram leaves in
 * the same call instead of a tick later, as `dns.lookup` would have it.
 */
function literalLookup(address: string, family: unknown, callback: (error: null, address: string, family: number) => void): void {
  callback(null, address, family as number);
}

/** "::ffff:1.2.3.4" as "1.2.3.4"; any other address unchanged. */
function unmapped(address: string): string {
  return MAPPED_V4.exec(address)?.[1] ?? address;
}

/** One UDP socket's transport. */
class UdpSocket implements Transport {
  private datagramsIn = 0;
  private datagramsOut = 0;
  private droppedIn = 0;
  private droppedOut = 0;
  /** Datagrams waiting for a name to resolve (theirs or an earlier one's), oldest first, and their bytes. */
  private readonly resolving: Resolving[] = [];
  private resolvingBytes = 0;
  private readonly drops: DropReports;
  private readonly learnedPeers = new Set<string>();
  /** The last destination host's address family (0 for a name): a sender to one peer parses it once. */
  private readonly families = new LastResult<string, number>();
  /** The last datagram's source: a stream from one peer is parsed and formatted once. */
  private lastSourceIp = "";
  private lastSourcePort = -1;
  private lastSource = "";
  private lastSourceText = "";
  /** Called back by `send`; one function per socket, not one per datagram. */
  private readonly sent = (error: Error | null): void => {
    if (error === null) this.datagramsOut++;
    else this.dropOut(errorText(error));
  };

  constructor(
    readonly backend: NodeUdp,
    readonly handle: Handle,
    readonly socket: OwnedSocket,
    private readonly mode: UdpReceiveMode,
    /** The socket's addresses: "udp4", "udp6" bound to one IPv6 address, or both on a dual-stack socket. */
    private readonly reach: "v4" | "v6" | "dual",
  ) {
    this.drops = new DropReports(backend.core, handle);
    backend.sockets.add(socket);
    socket[OWNER] = this;
    socket.on("listening", onSocketListening);
    socket.on("message", onSocketMessage);
    socket.on("error", onSocketError);
    socket.on("close", onSocketClose);
  }

  get core(): NetCore {
    return this.backend.core;
  }

  /** Hands a datagram to the script, unless its source is forbidden or the receive buffer is full. */
  receive(message: Buffer, info: dgram.RemoteInfo): void {
    if (info.port !== this.lastSourcePort || info.address !== this.lastSourceIp) this.learnSource(info);
    const address = this.lastSource;
    if (!this.sourceAllowed(address, info.port)) {
      this.droppedIn++;
      return this.drops.report(`${blockedText(address)} (source)`, "source");
    }
    const handle = this.handle;
    const held = handle.inboxBytes + ((handle.inbox?.length ?? 0) + 1) * DATAGRAM_OVERHEAD;
    if (held + message.length > this.core.limits.recvBufferBytes) {
      this.droppedIn++;
      return this.core.overflow(handle, "udp_dropped", ERR.receiveBufferFull);
    }
    this.datagramsIn++;
    const data = this.mode === "bytes" ? message : message.toString();
    this.core.deliver(handle, "datagram", { type: "datagram", handle: handle.id, data, from: this.lastSourceText }, message.length);
  }

  /** Remembers a datagram's source as the socket sees it, as the script sees it, and as "ip:port". */
  private learnSource(info: dgram.RemoteInfo): void {
    this.lastSourceIp = info.address;
    this.lastSourcePort = info.port;
    this.lastSource = unmapped(info.address);
    this.lastSourceText = formatAddress(this.lastSource, info.port) as string;
  }

  private sourceAllowed(address: string, port: number): boolean {
    const policy = this.backend.policy;
    return policy === undefined || this.learnedPeers.has(`${address} ${port}`) || policy.allows(address, address, port);
  }

  write(chunks: Payload[]): void {
    for (const chunk of chunks) this.sendOne(chunk as unknown as OutgoingDatagram);
  }

  /** Sends one datagram in turn: a literal at once, a name once resolved; none overtakes one still resolving. */
  private sendOne(datagram: OutgoingDatagram): void {
    const family = this.families.of(datagram.host, isIP);
    if (family !== 0 && this.resolving.length === 0) {
      const policy = this.backend.policy;
      if (policy !== undefined && !policy.allows(datagram.host, datagram.host, datagram.port)) return this.dropOut(blockedText(datagram.host));
      return this.sendToAddress(datagram, datagram.host, family, false);
    }
    const entry: Resolving = { datagram, answer: family !== 0 ? { addresses: [datagram.host] } : undefined };
    this.resolving.push(entry);
    this.resolvingBytes += datagram.data.length + DATAGRAM_OVERHEAD;
    if (family !== 0) return;
    this.backend.names.resolve(datagram.host, (answer) => {
      entry.answer = answer;
      this.sendResolved();
    });
  }

  /** Sends the waiting datagrams whose names have resolved, oldest first, up to the first still resolving. */
  private sendResolved(): void {
    for (let head = this.resolving[0]; head?.answer !== undefined; head = this.resolving[0]) {
      this.resolving.shift();
      this.resolvingBytes -= head.datagram.data.length + DATAGRAM_OVERHEAD;
      if (!this.handle.finished) this.sendToAnswer(head.answer, head.datagram);
    }
  }

  /** Sends to the first of a lookup's addresses the socket can reach and the policy allows. */
  private sendToAnswer(answer: Answer, datagram: OutgoingDatagram): void {
    if ("error" in answer) return this.dropOut(answer.error);
    const byName = isIP(datagram.host) === 0;
    const reachable = answer.addresses.filter((address) => this.canReach(isIP(address)));
    const policy = this.backend.policy;
    const allowed = policy === undefined ? reachable : reachable.filter((each) => policy.allows(datagram.host, each, datagram.port));
    if (reachable.length > 0 && allowed.length === 0) return this.dropOut(blockedText(datagram.host));
    this.sendToAddress(datagram, allowed[0] ?? "", isIP(allowed[0] ?? ""), byName);
  }

  /** Sends to one address the policy allows, unless the socket cannot reach its family; a peer reached by name is let answer. */
  private sendToAddress(datagram: OutgoingDatagram, address: string, family: number, byName: boolean): void {
    if (!this.canReach(family)) return this.dropOut(ERR.addressFamily);
    if (byName && this.backend.policy !== undefined) this.learn(unmapped(address), datagram.port);
    const target = this.reach === "dual" && family === 4 ? `::ffff:${address}` : address;
    this.socket.send(datagram.data, datagram.port, target, this.sent);
  }

  private canReach(family: number): boolean {
    return family !== 0 && (this.reach === "dual" || family === (this.reach === "v4" ? 4 : 6));
  }

  private learn(address: string, port: number): void {
    if (this.learnedPeers.size >= MAX_LEARNED_PEERS) this.learnedPeers.clear();
    this.learnedPeers.add(`${address} ${port}`);
  }

  private dropOut(reason: string): void {
    this.droppedOut++;
    this.drops.report(reason);
  }

  pendingBytes(): number {
    return this.resolvingBytes + this.socket.getSendQueueSize();
  }

  close(): void {
    closeQuietly(this.socket);
  }

  shutdown(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.backend.sockets.has(this.socket)) return resolve();
      this.socket.once("close", () => resolve());
      closeQuietly(this.socket);
    });
  }

  localPort(): number | undefined {
    try {
      return this.socket.address().port;
    } catch {
      return undefined;
    }
  }

  counters(): Record<string, number> {
    return { datagramsIn: this.datagramsIn, datagramsOut: this.datagramsOut, droppedIn: this.droppedIn, droppedOut: this.droppedOut };
  }
}

/** Closes a socket that may already be closed or still binding. */
function closeQuietly(socket: dgram.Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}

function onSocketListening(this: OwnedSocket): void {
  const owner = this[OWNER];
  if (owner === undefined) return;
  const handle = owner.handle;
  if (handle.finished) return closeQuietly(this);
  owner.core.bound(handle);
}

function onSocketMessage(this: OwnedSocket, message: Buffer, info: dgram.RemoteInfo): void {
  const owner = this[OWNER];
  if (owner !== undefined && !owner.handle.finished) owner.receive(message, info);
}

function onSocketError(this: OwnedSocket, error: Error): void {
  const owner = this[OWNER];
  if (owner !== undefined) owner.core.fail(owner.handle, errorText(error));
  closeQuietly(this);
}

function onSocketClose(this: OwnedSocket): void {
  const owner = this[OWNER];
  if (owner === undefined) return;
  owner.backend.sockets.delete(this);
  owner.core.finish(owner.handle);
}

/** The Node UDP backend of one runtime; it knows every socket it opened until that socket is gone. */
class NodeUdp implements UdpBackend {
  readonly sockets = new Set<dgram.Socket>();
  readonly names = new NameCache();
  readonly core: NetCore;
  readonly policy: HostPolicy | undefined;

  constructor(settings: BackendSettings) {
    this.core = settings.core;
    this.policy = settings.policy;
  }

  open(handle: Handle, port: number, host: string | undefined, mode: UdpReceiveMode): void {
    const core = this.core;
    const refusal = listenRefusal(this.policy, port, true);
    if (refusal !== undefined) return core.fail(handle, refusal);
    const family = host === undefined ? 6 : isIP(host);
    const reach = host === undefined ? "dual" : family === 6 ? "v6" : "v4";
    const socket: OwnedSocket = dgram.createSocket({ type: reach === "v4" ? "udp4" : "udp6", ipv6Only: false, lookup: literalLookup });
    core.attach(handle, new UdpSocket(this, handle, socket, mode, reach));
    socket.bind({ port, address: host ?? "::" });
  }

  async shutdown(): Promise<void> {
    await Promise.all(
      [...this.sockets].map((socket) => (socket as OwnedSocket)[OWNER]?.shutdown()),
    );
  }
}

/** Creates the Node UDP backend of one runtime. */
export const createNodeUdp: BackendFactory<UdpBackend> = (settings) => new NodeUdp(settings);
