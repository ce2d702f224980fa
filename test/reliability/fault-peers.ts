/**
 * Real peers for fault tests, in processes of their own so they can be
 * killed: a blackhole that never accepts (connect timeouts), a Python TCP
 * peer that echoes or stays silent, and the Python WebSocket echo. Each is
 * stopped when the test file ends.
 */
import { after } from "node:test";
import { fileURLToPath } from "node:url";
import { startPythonWs } from "../helpers/peers.js";
import { startPeer, type Peer } from "../helpers/processes.js";

function script(name: string): string {
  return fileURLToPath(new URL(`../peers/${name}`, import.meta.url));
}

function stoppedAfter(peer: Peer): Peer {
  after(() => peer.stop());
  return peer;
}

/** A listener whose accept queue is full: connects to it hang until they time out. */
export async function startBlackhole(): Promise<Peer> {
  return stoppedAfter(await startPeer("/usr/bin/python3", ["-u", script("blackhole.py")], 0));
}

/** A Python TCP peer that echoes ("echo") or reads and never answers ("silent"). */
export async function startTcpPeer(mode: "echo" | "silent"): Promise<Peer> {
  return stoppedAfter(await startPeer("/usr/bin/python3", ["-u", script("tcp_peer.py"), mode], 0));
}

/** The Python websockets echo server. */
export async function startWsEcho(): Promise<Peer> {
  return stoppedAfter(await startPythonWs());
}
