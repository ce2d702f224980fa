/**
 * The web globals of a sandboxed script that QuickJS lacks: `TextEncoder`,
 * `TextDecoder` (UTF-8), `crypto.getRandomValues` / `randomUUID`, `URL`
 * and `URLSearchParams`, made inside the sandbox over host helpers that take
 * and return copies only. A sandboxed `URL` is parsed once: its fields are
 * read-only, and `searchParams` is a copy of the query.
 */

/** The fields of a parsed URL copied into the sandbox. */
const URL_FIELDS = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"] as const;

/** The fields of `input` parsed against `base`, or undefined when it is not a URL. */
function parseUrl(input: unknown, base: unknown): Record<string, string> | undefined {
  try {
    const url = new URL(String(input), base === undefined ? undefined : String(base));
    return Object.fromEntries(URL_FIELDS.map((field) => [field, url[field]]));
  } catch {
    return undefined;
  }
}

/** The engine's web globals the prelude makes inside instead of copying them in. */
export const MADE_INSIDE: ReadonlySet<string> = new Set(["TextEncoder", "TextDecoder", "crypto", "URL", "URLSearchParams"]);

/** Host helpers the prelude calls. */
export const webHelpers = {
  encode: (text: unknown): Uint8Array => new TextEncoder().encode(String(text)),
  decode: (bytes: unknown): string => (bytes instanceof Uint8Array ? new TextDecoder().decode(bytes) : ""),
  random: (length: unknown): Uint8Array => crypto.getRandomValues(new Uint8Array(Math.min(Math.max(Number(length) || 0, 0), 65536))),
  uuid: (): string => crypto.randomUUID(),
  parseUrl,
  parseQuery: (query: unknown): string[][] => [...new URLSearchParams(String(query))],
  formatQuery: (pairs: unknown): string => new URLSearchParams(Array.isArray(pairs) ? (pairs as string[][]) : []).toString(),
};

/** Evaluated once in each sandbox: a function that installs the globals over the helpers. */
export const WEB_PRELUDE = `(function (host) {
  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(text = "") { return host.encode(String(text)); }
  }
  class TextDecoder {
    get encoding() { return "utf-8"; }
    decode(bytes) { return bytes === undefined ? "" : host.decode(ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes)); }
  }
  const crypto = Object.freeze({
    getRandomValues(array) { const bytes = host.random(array.byteLength); new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes); return array; },
    randomUUID: () => host.uuid(),
  });
  class URLSearchParams {
    #pairs;
    constructor(init = "") { this.#pairs = typeof init === "string" ? host.parseQuery(init) : Object.entries(init).map(([k, v]) => [k, String(v)]); }
    get(name) { const pair = this.#pairs.find(([key]) => key === name); return pair === undefined ? null : pair[1]; }
    getAll(name) { return this.#pairs.filter(([key]) => key === name).map(([, value]) => value); }
    has(name) { return this.#pairs.some(([key]) => key === name); }
    append(name, value) { this.#pairs.push([String(name), String(value)]); }
    set(name, value) { this.delete(name); this.append(name, value); }
    delete(name) { this.#pairs = this.#pairs.filter(([key]) => key !== name); }
    entries() { return this.#pairs.map((pair) => pair.slice())[Symbol.iterator](); }
    forEach(callback) { for (const [key, value] of this.#pairs) callback(value, key, this); }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return host.formatQuery(this.#pairs); }
  }
  class URL {
    constructor(input, base) {
      const fields = host.parseUrl(input, base);
      if (fields === undefined) throw new TypeError("Invalid URL: " + String(input));
      for (const key of Object.keys(fields)) Object.defineProperty(this, key, { value: fields[key], enumerable: true });
      Object.defineProperty(this, "searchParams", { value: new URLSearchParams(fields.search) });
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }
  Object.assign(globalThis, { TextEncoder, TextDecoder, crypto, URL, URLSearchParams });
})`;
