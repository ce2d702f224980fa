/**
 * The core's pull path for partly read chunks (`putBack`, used by
 * `Socket.read(n)`) and the error text it keeps for pull-only handles, whose
 * events never reach the shared queue.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_LIMITS } from "../../src/index.js";
import { NetCore } from "../../src/core/net-core.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: unknown) => new TextDecoder().decode(data as Uint8Array);

describe("NetCore.putBack", () => {
  it("puts the rest of a taken chunk first in line, with the byte count restored", () => {
    const core = new NetCore({ ...DEFAULT_LIMITS });
    const handle = core.open("socket", "connected", true);
    core.deliver(handle, "data", bytes("abcdef"), 6);
    core.deliver(handle, "data", bytes("gh"), 2);
    const first = core.take(handle) as Uint8Array;
    assert.equal(handle.inboxBytes, 2);
    core.putBack(handle, first.subarray(4), 2);
    assert.equal(handle.inboxBytes, 4);
    assert.equal(text(core.take(handle)), "ef");
    assert.equal(text(core.take(handle)), "gh");
    assert.equal(core.take(handle), undefined);
    assert.equal(handle.inboxBytes, 0);
    assert.equal(core.poll(), undefined, "a pull-only handle queues nothing");
  });

  it("does nothing for a handle whose payloads go through the queue, or one released", () => {
    const core = new NetCore({ ...DEFAULT_LIMITS });
    const queued = core.open("tcp", "connected");
    core.putBack(queued, "late", 4);
    assert.equal(core.take(queued), undefined);
    const socket = core.open("socket", "connected", true);
    core.closeLocal(socket);
    core.closeLocal(socket);
    core.putBack(socket, bytes("x"), 1);
    assert.equal(socket.inboxBytes, 0);
  });

  it("keeps the error text of a pull-only handle that failed", () => {
    const core = new NetCore({ ...DEFAULT_LIMITS });
    const handle = core.open("socket", "connecting", true);
    core.fail(handle, "connection refused");
    assert.equal(handle.status, "error");
    assert.equal(handle.error, "connection refused");
    assert.equal(core.poll(), undefined);
  });
});
