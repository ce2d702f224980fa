/**
 * A line-based TCP server written in Epitaph, run by the engine with the
 * network installed, fed by raw node:net clients that split lines at odd
 * places (inside a line, inside a UTF-8 character) and merge several lines
 * into one write. The script keeps a partial line per client and the
 * clients' names in maps keyed by their handles (`names[evt.handle]`), as
 * the first thing a real server does with an "accepted" event.
 */
import assert from "node:assert/strict";
import * as net from "node:net";
import { after, describe, test } from "node:test";
import { engineForTest, writeTree } from "../helpers/engine.js";
import { pollUntil } from "../helpers/poll.js";

const SERVER = `access <net>
access <log>
access <string>
access <list>
access <fmt>

let listener = net.tcp_listen(0, "127.0.0.1")
let names = {}
let partial = {}
let announced = dormant

phase tick(dt) {
    when not announced and net.local_port(listener) != void {
        announced = active
        log.info("port", net.local_port(listener))
    }
    sustain evt = net.poll_event() {
        inspect evt.type {
            "accepted" => {
                names[evt.data] = "guest" + text(len(names) + 1)
                partial[evt.data] = ""
            }
            "data" => { receive(evt.handle, evt.data) }
            "closed" => {
                log.info(fmt.format("{} left ({} still here)", names[evt.handle], len(names) - 1))
                remove(names, evt.handle)
                remove(partial, evt.handle)
            }
        }
    }
}

phase receive(client, chunk) {
    let lines = string.split(partial[client] + chunk, "\\n")
    partial[client] = list.pop(lines)
    let i = 0
    sustain i < len(lines) {
        answer(client, string.trim(lines[i]))
        i = i + 1
    }
}

phase answer(client, line) {
    when string.starts_with(line, "NAME ") {
        names[client] = string.slice(line, 5)
        net.tcp_send(client, fmt.format("hello {}\\n", names[client]))
    } otherwise {
        net.tcp_send(client, fmt.format("{}: {} ({} chars)\\n", names[client], string.upper(line), len(line)))
    }
}
`;

/** A raw client that records everything the server sends. */
async function connect(port: number): Promise<{ socket: net.Socket; received: () => string }> {
  const socket = net.connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  let text = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (text += chunk));
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  after(() => void socket.destroy());
  return { socket, received: () => text };
}

/** Writes `part`, then waits a little so the next write arrives as a separate chunk. */
async function write(socket: net.Socket, part: Buffer | string): Promise<void> {
  await new Promise<void>((resolve) => socket.write(part, () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 30));
}

describe("an Epitaph line server over TCP", () => {
  test("reassembles split and merged lines per client and keys its maps by handle", async () => {
    const run = engineForTest({ runtimeRole: "server", tickRate: 120 });
    run.engine.installNetwork();
    await run.engine.mountScripts(writeTree({ "main.ep": SERVER }));
    await run.engine.start();
    const port = Number(/port (\d+)/.exec(await run.line(/^\[ep:info\] port \d+$/))![1]);

    const ana = await connect(port);
    const guest = await connect(port);
    const accented = Buffer.from("héllo\n");
    await write(ana.socket, "NAME a");
    await write(ana.socket, "na\nhel");
    await write(ana.socket, accented.subarray(0, 2));
    await write(ana.socket, Buffer.concat([accented.subarray(2), Buffer.from("wor")]));
    await write(ana.socket, "ld\n\nNAME bo\r\nping\n");
    await write(guest.socket, "ping\n");
    const expected = "hello ana\nana: HELHÉLLO (8 chars)\nana: WORLD (5 chars)\nana:  (0 chars)\nhello bo\nbo: PING (4 chars)\n";
    await pollUntil(() => ana.received() === expected || undefined, { what: `the replies to ana (so far ${JSON.stringify(ana.received())})` });
    await pollUntil(() => guest.received() === "guest2: PING (4 chars)\n" || undefined, { what: `the reply to the guest (so far ${JSON.stringify(guest.received())})` });

    guest.socket.end();
    await run.line(/^\[ep:info\] guest2 left/);
    ana.socket.end();
    await run.line(/^\[ep:info\] bo left/);
    assert.deepEqual(run.lines.filter((line) => line.includes("left")), ["[ep:info] guest2 left (1 still here)", "[ep:info] bo left (0 still here)"]);
    assert.equal(run.engine.errorCount, 0, run.lines.join("\n"));
  });
});
