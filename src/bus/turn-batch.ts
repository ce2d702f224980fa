/**
 * One turn's publishes, grouped into broker messages by topic: each topic's
 * publishes fill one envelope in the order they were made, and a new one
 * begins when the next would pass `ENVELOPE_BYTES`. An envelope closed early
 * is sent before its topic's later ones, so order per publisher and topic
 * holds (SPEC 13); publishes to different topics were never ordered.
 */
import type { Outgoing } from "./driver.js";
import { ENVELOPE_BYTES, EnvelopeBuilder, envelopeHeader } from "./envelope.js";

/** Collects a turn's publishes and hands them out as one broker message per topic (or a few, for large turns). */
export class TurnBatch {
  /** Publishes added since the last `take`, and their payload bytes. */
  count = 0;
  bytes = 0;
  private readonly header: string;
  private readonly open = new Map<string, EnvelopeBuilder>();
  private closed: Outgoing[] = [];

  constructor(from: string) {
    this.header = envelopeHeader(from);
  }

  /** Adds one publish of `bytes` bytes to `topic`'s envelope. */
  add(topic: string, data: string | Uint8Array, bytes: number): void {
    let envelope = this.open.get(topic);
    if (envelope !== undefined && envelope.bytes + bytes > ENVELOPE_BYTES) {
      this.closed.push({ topic, payload: envelope.payload() });
      envelope = undefined;
    }
    if (envelope === undefined) {
      envelope = new EnvelopeBuilder(this.header);
      this.open.set(topic, envelope);
    }
    envelope.add(data, bytes);
    this.count++;
    this.bytes += bytes;
  }

  /** The turn's broker messages, each topic's in order; empties the batch. */
  take(): Outgoing[] {
    const out = this.closed;
    for (const [topic, envelope] of this.open) out.push({ topic, payload: envelope.payload() });
    this.open.clear();
    this.closed = [];
    this.count = 0;
    this.bytes = 0;
    return out;
  }
}
