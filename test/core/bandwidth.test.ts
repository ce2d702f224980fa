/**
 * Unit tests of the byte budgets: a rate of 0 is no limit, a transfer may
 * overdraw the balance once, an overdrawn upload budget refuses until it has
 * refilled, and readers paused for the download budget are called back.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Bandwidth } from "../../src/core/bandwidth.js";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { pollUntil } from "../helpers/poll.js";

const budget = (up: number, down: number) =>
  new Bandwidth({ ...DEFAULT_LIMITS, uploadBytesPerSecond: up, downloadBytesPerSecond: down });

describe("Bandwidth", () => {
  it("never refuses or pauses with the default rates of 0", () => {
    const bandwidth = budget(0, 0);
    for (let i = 0; i < 100; i++) assert.equal(bandwidth.trySend(1 << 30), true);
    assert.equal(bandwidth.received(1 << 30), false);
  });

  it("lets one send overdraw the upload budget, refuses the next, and accepts again once refilled", async () => {
    const bandwidth = budget(1000, 0);
    assert.equal(bandwidth.trySend(600), true);
    assert.equal(bandwidth.trySend(900), true, "a positive balance lets a send through in full");
    assert.equal(bandwidth.trySend(1), false);
    assert.equal(bandwidth.trySend(0), true, "an empty send costs nothing");
    await pollUntil(() => bandwidth.trySend(1), { what: "the upload budget to refill" });
  });

  it("asks the reader to pause once the download budget is overdrawn, and calls it back", async () => {
    const bandwidth = budget(0, 1000);
    assert.equal(bandwidth.received(999), false);
    assert.equal(bandwidth.received(300), true);
    let resumed = 0;
    bandwidth.whenDownloadAvailable(() => resumed++);
    bandwidth.whenDownloadAvailable(() => resumed++);
    assert.equal(bandwidth.waitingReaders, 2);
    await pollUntil(() => resumed === 2, { what: "both readers resumed" });
    assert.equal(bandwidth.waitingReaders, 0);
  });

  it("drops waiting readers on stop", () => {
    const bandwidth = budget(0, 10);
    bandwidth.received(1000);
    bandwidth.whenDownloadAvailable(() => assert.fail("resumed after stop"));
    bandwidth.stop();
    assert.equal(bandwidth.waitingReaders, 0);
  });
});
