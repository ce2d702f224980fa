/** The `time` module: seconds since the instance started (float, monotonic) and Unix time (ints). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load } from "../helpers.js";
import { pollUntil } from "../../helpers/poll.js";

describe("epitaph time module", () => {
  it("now() counts float seconds from the instance's start; unix() and unix_ms() are ints", async () => {
    const { program } = load("access <time>\nphase now() { return time.now() }\nphase kinds() { return [text(time.now() + 0.0 == time.now()), text(time.unix()), text(time.unix_ms())] }");
    const first = program.call("now") as number;
    assert.ok(first >= 0 && first < 5, `now() right after the start: ${first}`);
    await pollUntil(() => (program.call("now") as number) >= first + 0.05 || undefined, { what: "time.now() to advance by 50 ms" });
    const [, unix, unixMs] = program.call("kinds") as string[];
    const wall = Date.now();
    assert.ok(Math.abs(Number(unix) - wall / 1000) < 5 && /^\d+$/.test(unix!), `unix() ${unix}`);
    assert.ok(Math.abs(Number(unixMs) - wall) < 5000 && /^\d+$/.test(unixMs!), `unix_ms() ${unixMs}`);
  });
});
