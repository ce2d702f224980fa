/**
 * Name resolution for UDP destinations without blocking: `dns.lookup` runs on
 * libuv's thread pool, its answer (or its failure) is kept for a short time,
 * and lookups of a name already in flight wait for that one. A 60 Hz sender
 * to "game.example.com" resolves it once per `ttlMs`, not 60 times a second.
 */
import * as dns from "node:dns";
import { errorText } from "../core/errors.js";

/** How long an answer is kept. */
const ANSWER_TTL_MS = 5_000;
/** How long a failure is kept (a sender to a bad name does not look it up every tick). */
const FAILURE_TTL_MS = 1_000;
/** Past this many names the cache starts over, so a script cycling through names stays bounded. */
const MAX_NAMES = 1_024;

/** What a lookup gives: every address of the name, or the error text. */
export type Answer = { addresses: string[] } | { error: string };

interface Entry {
  answer: Answer | undefined;
  expires: number;
  waiting: ((answer: Answer) => void)[];
}

/** A short-lived cache of `dns.lookup` answers for one socket's destinations. */
export class NameCache {
  private readonly entries = new Map<string, Entry>();

  /** Calls `done` with the addresses of `name`: at once when cached, else once the lookup answers. */
  resolve(name: string, done: (answer: Answer) => void): void {
    const now = Date.now();
    const entry = this.entries.get(name);
    if (entry !== undefined && (entry.answer === undefined || entry.expires > now)) {
      if (entry.answer === undefined) entry.waiting.push(done);
      else done(entry.answer);
      return;
    }
    if (this.entries.size >= MAX_NAMES) this.entries.clear();
    const fresh: Entry = { answer: undefined, expires: 0, waiting: [done] };
    this.entries.set(name, fresh);
    dns.lookup(name, { all: true }, (error, found) => {
      const answer: Answer = error === null ? { addresses: found.map((entry) => entry.address) } : { error: errorText(error) };
      fresh.answer = answer;
      fresh.expires = Date.now() + (error === null ? ANSWER_TTL_MS : FAILURE_TTL_MS);
      const waiting = fresh.waiting;
      fresh.waiting = [];
      for (const callback of waiting) callback(answer);
    });
  }
}
