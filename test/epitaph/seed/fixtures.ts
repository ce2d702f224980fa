/**
 * The six seed-000 Epitaph examples as fixture files (fixtures/seed/*.ep,
 * byte for byte), and their `*.local.ep` twins with the address text turned
 * into a placeholder that a test replaces with a local peer's address.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

/** The fixture names of the six examples, in the seed's order. */
export const EXAMPLES = ["event-loop", "tcp-client", "tcp-server", "simple-get", "post-with-headers", "websocket-chat"];

/** The text of fixtures/seed/<name>. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/seed/${name}`, import.meta.url), "utf8");
}

/** The local twin of an example with each placeholder replaced (each must be present). */
export function localExample(name: string, replace: Record<string, string>): string {
  let src = fixture(`${name}.local.ep`);
  for (const [placeholder, value] of Object.entries(replace)) {
    assert.ok(src.includes(placeholder), `${name}.local.ep lacks ${placeholder}`);
    src = src.replaceAll(placeholder, value);
  }
  return src;
}
