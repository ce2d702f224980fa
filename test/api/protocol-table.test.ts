/**
 * The protocol table's extension points (`src/core/protocol.ts`, read by
 * `src/api/runtime.ts`), with one extra row of the test's own next to the
 * real ones: its functions appear on `net` only when enabled, its own option
 * is checked when the runtime is made, its own limit has a default and an
 * override and is the quota of its handle kind, its backend loads once on
 * first use and shuts down with the runtime.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildRuntime } from "../../src/api/runtime.js";
import { ERR } from "../../src/core/errors.js";
import type { Platform } from "../../src/core/platform.js";
import { defineProtocol, type Backend, type ProtocolContext } from "../../src/core/protocol.js";
import { failedHandle, startOn } from "../../src/core/start.js";
import { PROTOCOLS } from "../../src/protocols.js";

/** The extra row's backend: it says which option it was built with. */
interface TagBackend extends Backend {
  tag: string;
}

const tagProtocol = defineProtocol({
  name: "tag",
  kinds: { tag: "maxTags" },
  limits: { maxTags: 2 },
  options: {
    tag: (given: unknown): string => {
      if (typeof given !== "string") throw new TypeError(`tag must be text, not ${typeof given}`);
      return given;
    },
  },
  enabled: (flag, byDefault, options) => flag ?? (options.tag !== undefined || byDefault),
  open: ({ core, backend }: ProtocolContext<TagBackend>) => ({
    functions: {
      /** Opens a tag handle, connected once the backend has loaded. */
      tag_open(): number {
        if (core.atConnectionLimit("tag")) return failedHandle(core, "tag", ERR.tooManyConnections).id;
        const handle = core.open("tag", "connecting");
        startOn(core, backend, handle, () => core.connected(handle));
        return handle.id;
      },
      /** The backend's tag, once loaded. */
      tag_of: (): string | undefined => backend.loaded?.tag,
    },
    service: undefined,
  }),
});

const TABLE = [...PROTOCOLS, tagProtocol] as const;
const platform: Platform = { byteLength: (text) => new TextEncoder().encode(text).length, encode: (text) => new TextEncoder().encode(text), bytes: (data) => data };

/** Offers the tag row (off by default), counting loads and shutdowns. */
function offers() {
  const counts = { loads: 0, shutdowns: 0 };
  const tag = {
    byDefault: false,
    load: async (settings: { options: Readonly<Record<string, unknown>> }): Promise<TagBackend> => {
      counts.loads++;
      return { tag: settings.options.tag as string, shutdown: async () => void counts.shutdowns++ };
    },
  };
  return { counts, offers: { tag } };
}

describe("a row of the protocol table", () => {
  test("is absent from net, and never loaded, until enabled", async () => {
    const { counts, offers: offered } = offers();
    const runtime = buildRuntime(undefined, platform, TABLE, offered);
    assert.equal("tag_open" in runtime.net, false);
    assert.equal("tcp_connect" in runtime.net, false, "the real rows are not offered here");
    await runtime.close();
    assert.deepEqual(counts, { loads: 0, shutdowns: 0 });
  });

  test("is on with its option, which its backend gets checked; its limit is its kind's quota", async () => {
    const { counts, offers: offered } = offers();
    const runtime = buildRuntime({ tag: "blue", limits: { maxTags: 1 } }, platform, TABLE, offered);
    assert.equal(runtime.limits.maxTags, 1);
    const first = runtime.net.tag_open();
    const second = runtime.net.tag_open();
    assert.equal(runtime.net.status(first), "connecting");
    assert.deepEqual(runtime.net.poll_event(), { type: "error", handle: second, data: "too many connections" });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(runtime.net.poll_event(), { type: "connected", handle: first });
    assert.equal(runtime.net.tag_of(), "blue");
    await runtime.close();
    assert.deepEqual(counts, { loads: 1, shutdowns: 1 });
  });

  test("keeps its limit's default, and refuses a malformed option when the runtime is made", () => {
    const { offers: offered } = offers();
    assert.equal(buildRuntime({ features: { tag: true } }, platform, TABLE, offered).limits.maxTags, 2);
    assert.throws(() => buildRuntime({ tag: 5 as unknown as string }, platform, TABLE, offered), /tag must be text, not number/);
  });
});
