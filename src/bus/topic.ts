/**
 * The names the bus accepts from scripts and hosts (SPEC 13): topics of 1 to
 * 200 characters of `A-Z a-z 0-9 _ - .` in non-empty dot-separated segments,
 * a subscription's optional trailing `.*`, and the room names, node ids and
 * prefixes that become parts of broker keys and subjects. Both drivers map
 * these to their own syntax, so the same names work on Redis and NATS.
 */

const SEGMENTS = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const MAX_TOPIC = 200;
/** Longest node id: it travels in every message's envelope with a one-byte length. */
export const MAX_NODE_ID = 64;

/** True for a topic a script may publish to. */
export function isTopic(topic: unknown): topic is string {
  return typeof topic === "string" && topic.length <= MAX_TOPIC && SEGMENTS.test(topic);
}

/** True for a subscription: a topic, or a topic followed by `.*` (every deeper topic). */
export function isSubscription(topic: unknown): topic is string {
  if (typeof topic !== "string" || topic.length > MAX_TOPIC) return false;
  return SEGMENTS.test(topic.endsWith(".*") ? topic.slice(0, -2) : topic);
}

/** The part before `.*` of a pattern subscription, or undefined for a plain topic. */
export function patternBase(subscription: string): string | undefined {
  return subscription.endsWith(".*") ? subscription.slice(0, -2) : undefined;
}

/** True for a name usable as a room name, node id or prefix (the topic alphabet, at most `max` characters). */
export function isName(name: unknown, max = MAX_TOPIC): name is string {
  return typeof name === "string" && name.length <= max && SEGMENTS.test(name);
}
