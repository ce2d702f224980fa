/**
 * "Every other handle unaffected": a connected TCP pair inside the runtime
 * under test that exchanges a message before and after a fault, and must
 * never see a terminal event while the fault happens next to it.
 */
import assert from "node:assert/strict";
import type { Net } from "../../src/index.js";
import { pollUntil } from "../helpers/poll.js";
import type { EventLedger } from "./ledger.js";

/** A TCP pair that proves the runtime still works. */
export interface Bystander {
  /** Sends a fresh message both ways and waits for both; fails if either end has ended. */
  check(): Promise<void>;
}

/** Waits, draining into the ledger, until `done` holds. */
export function drainUntil(ledger: EventLedger, done: () => boolean, what: string, timeoutMs = 10_000): Promise<true> {
  return pollUntil(
    () => {
      ledger.drain();
      return done();
    },
    { what, timeoutMs },
  );
}

/** Opens a listener and a client in `net`, and exchanges a first message. */
export async function startBystander(net: Net, ledger: EventLedger): Promise<Bystander> {
  const listener = net.tcp_listen(0, "127.0.0.1");
  const port = await pollUntil(() => net.local_port(listener), { what: "the bystander listener" });
  const client = net.tcp_connect("127.0.0.1", port);
  await drainUntil(ledger, () => ledger.eventsOf(listener).some((e) => e.type === "accepted"), "the bystander to be accepted");
  const accepted = ledger.eventsOf(listener).find((e) => e.type === "accepted")?.data as number;
  await drainUntil(ledger, () => net.status(client) === "connected", "the bystander to connect");
  let round = 0;
  const textOn = (handle: number) =>
    ledger
      .eventsOf(handle)
      .map((e) => (e.type === "data" ? e.data : ""))
      .join("");
  const bystander: Bystander = {
    async check() {
      round++;
      for (const handle of [listener, client, accepted]) {
        assert.equal(ledger.terminalOf(handle), undefined, `bystander handle ${handle} ended: ${JSON.stringify(ledger.terminalOf(handle))}`);
      }
      assert.equal(net.tcp_send(client, `ping ${round};`), true);
      assert.equal(net.tcp_send(accepted, `pong ${round};`), true);
      await drainUntil(
        ledger,
        () => textOn(accepted).includes(`ping ${round};`) && textOn(client).includes(`pong ${round};`),
        `bystander round ${round}`,
      );
    },
  };
  await bystander.check();
  return bystander;
}

/** What a fault must end a handle with. */
export interface Expected {
  type: "error" | "closed";
  /** The error text, for "error". */
  data?: RegExp;
  status?: string;
}

/** Waits for each handle's terminal event and checks it; then the bystander works and no second terminal came. */
export async function expectEachEnds(
  net: Net,
  ledger: EventLedger,
  bystander: Bystander,
  handles: Record<string, number>,
  expected: Expected,
  timeoutMs = 10_000,
): Promise<void> {
  const all = Object.values(handles);
  await drainUntil(ledger, () => all.every((h) => ledger.terminalOf(h) !== undefined), `terminal events of ${Object.keys(handles).join(", ")}`, timeoutMs);
  for (const [name, handle] of Object.entries(handles)) {
    const terminal = ledger.terminalOf(handle);
    assert.equal(terminal?.type, expected.type, `${name}: ${JSON.stringify(ledger.eventsOf(handle))}`);
    if (expected.data !== undefined) assert.match(String(terminal && "data" in terminal ? terminal.data : ""), expected.data, name);
    assert.equal(net.status(handle), expected.status ?? expected.type, `${name} status`);
  }
  await bystander.check();
  for (const [name, handle] of Object.entries(handles)) assert.equal(ledger.terminalCount(handle), 1, `${name}: one terminal event`);
  ledger.assertClean();
}
