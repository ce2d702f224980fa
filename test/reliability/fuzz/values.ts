/**
 * Argument generators for the fuzzer: mostly values a script would pass
 * (known handles, our own listeners' ports, URLs of the test server), and a
 * steady share of what no script should pass (stale handles, wrong types,
 * out-of-range numbers, URLs and headers that could split a request).
 */
import type { Kind, Model } from "./model.js";
import type { Random } from "./random.js";

/** Where the fuzzer's traffic can go. */
export interface Targets {
  /** An in-process HTTP server: /fast, /slow, /big, /redirect. */
  httpPort: number;
  /** A port nothing listens on. */
  refusedPort: number;
}

const GARBAGE: readonly unknown[] = [undefined, null, Number.NaN, -1, 0, 1.5, 1e12, Infinity, "", "7", {}, [], true, 2n, () => 1];

/** Draws arguments for one fuzz run. */
export class Values {
  constructor(
    readonly rng: Random,
    private readonly model: Model,
    private readonly targets: Targets,
  ) {}

  /** A value no function expects. */
  garbage(): unknown {
    return this.rng.pick(GARBAGE);
  }

  /** A handle: usually a live one of the preferred kinds, sometimes any, released, never issued, or not a number. */
  handle(...kinds: Kind[]): unknown {
    const roll = this.rng.next();
    const preferred = kinds.length > 0 ? this.model.ofKind(...kinds) : [...this.model.live.keys()];
    if (roll < 0.65 && preferred.length > 0) return this.rng.pick(preferred);
    if (roll < 0.75 && this.model.live.size > 0) return this.rng.pick([...this.model.live.keys()]);
    if (roll < 0.85 && this.model.released.length > 0) return this.rng.pick(this.model.released);
    return this.rng.chance(0.5) ? 1_000_000 + this.rng.int(1000) : this.garbage();
  }

  /** Text to send: ASCII, multi-byte, lone surrogates, empty, large, or not text at all. */
  text(): unknown {
    switch (this.rng.int(8)) {
      case 0:
        return "";
      case 1:
        return "héllo wörld ✓ 🎮".repeat(1 + this.rng.int(4));
      case 2:
        return "\ud800 lone surrogate";
      case 3:
        return "x".repeat(this.rng.chance(0.1) ? 20_000 : 1 + this.rng.int(2000));
      case 4:
        return this.garbage();
      default:
        return `msg ${this.rng.int(1e6)}\n`;
    }
  }

  /** Binary data for ws_send_binary: bytes, an ArrayBuffer, "text bytes", text past 255, or garbage. */
  bytes(): unknown {
    switch (this.rng.int(5)) {
      case 0:
        return new Uint8Array(1 + this.rng.int(300)).fill(this.rng.int(256));
      case 1:
        return new ArrayBuffer(this.rng.int(64));
      case 2:
        return "\u0000\u00ff bytes";
      case 3:
        return "not bytes: €";
      default:
        return this.garbage();
    }
  }

  /** A host and port for tcp_connect. */
  tcpTarget(): [unknown, unknown] {
    const ports = this.listenerPorts("tcp_listener");
    const roll = this.rng.next();
    if (roll < 0.6 && ports.length > 0) return [this.rng.pick(["127.0.0.1", "localhost"]), this.rng.pick(ports)];
    if (roll < 0.7) return ["127.0.0.1", this.targets.refusedPort];
    if (roll < 0.75) return ["no-such-host.invalid", 80];
    if (roll < 0.85) return ["127.0.0.1", this.rng.pick([0, -5, 70_000, 1.5, "80"])];
    return [this.garbage(), this.rng.chance(0.5) ? this.targets.refusedPort : this.garbage()];
  }

  /** A port for a listener: usually 0, sometimes one already in use, sometimes invalid. */
  listenPort(): unknown {
    const roll = this.rng.next();
    const used = [...this.listenerPorts("tcp_listener"), ...this.listenerPorts("ws_listener")];
    if (roll < 0.8) return 0;
    if (roll < 0.9 && used.length > 0) return this.rng.pick(used);
    return this.rng.pick([70_000, -1, 1.5, "0", null]);
  }

  /** A bind host for a listener, or nothing. */
  listenHost(): unknown {
    return this.rng.pick([undefined, "127.0.0.1", "127.0.0.1", "::1", "bad host!", 42]);
  }

  /** A ws: URL: our own ws listeners, refused, a wrong scheme, or garbage. */
  wsUrl(): unknown {
    const ports = this.listenerPorts("ws_listener");
    const roll = this.rng.next();
    if (roll < 0.65 && ports.length > 0) return `ws://127.0.0.1:${this.rng.pick(ports)}/room${this.rng.int(9)}`;
    if (roll < 0.75) return `ws://127.0.0.1:${this.targets.refusedPort}/`;
    if (roll < 0.8) return `ws://127.0.0.1:${this.targets.httpPort}/fast`;
    if (roll < 0.9) return this.rng.pick(["http://127.0.0.1/", "ws://", "not a url", "ws://[::1"]);
    return this.garbage();
  }

  /** An http: URL of the test server, refused, invalid, or garbage. */
  httpUrl(): unknown {
    const roll = this.rng.next();
    const base = `http://127.0.0.1:${this.targets.httpPort}`;
    if (roll < 0.75) return `${base}/${this.rng.pick(["fast", "fast", "slow", "big", "redirect", "missing"])}`;
    if (roll < 0.82) return `http://127.0.0.1:${this.targets.refusedPort}/`;
    if (roll < 0.92) return this.rng.pick(["ftp://x/", "http://", "::", "http://exa mple.com/"]);
    return this.garbage();
  }

  /** An HTTP method: names in any case, symbols, invalid tokens, garbage. */
  method(): unknown {
    return this.rng.pick(["GET", "get", ":post", ":put", "DELETE", "PATCH", "bad method", "", 7]);
  }

  /** A header name and value, sometimes one that could split the request. */
  header(): [unknown, unknown] {
    const roll = this.rng.next();
    if (roll < 0.7) return [`x-fuzz-${this.rng.int(5)}`, `v${this.rng.int(100)}`];
    if (roll < 0.8) return ["x-evil", "a\r\nInjected: yes"];
    if (roll < 0.9) return ["bad name", "v"];
    return [this.garbage(), this.garbage()];
  }

  /** A response header name to look up, or garbage. */
  rngHeaderName(): string {
    return this.rng.pick(["content-type", "Content-Length", "x-missing", this.garbage()]) as string;
  }

  private listenerPorts(kind: Kind): number[] {
    const ports: number[] = [];
    for (const handle of this.model.ofKind(kind)) {
      const port = this.model.portOf(handle);
      if (port !== undefined) ports.push(port);
    }
    return ports;
  }
}
