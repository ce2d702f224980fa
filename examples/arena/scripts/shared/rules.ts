/** The game's rules, read from `rules.json` in the mounted assets: the same file for server and client. */

/** Field size, movement and pacing. */
export interface Rules {
  width: number;
  height: number;
  /** Field units per second. */
  speed: number;
  /** Coins on the field at any time. */
  coins: number;
  /** How close a player must come to pick a coin up. */
  pickupRadius: number;
  /** A bot measures the round trip every this many ticks. */
  pingEveryTicks: number;
  /** The server publishes its status every this many ticks. */
  statusEveryTicks: number;
}

/** Reads the rules from the assets. */
export function loadRules(): Rules {
  const text = access("assets").read_text("rules.json");
  const rules = text === undefined ? undefined : (access("json").decode(text) as Rules | undefined);
  if (rules === undefined) throw new Error("assets/rules.json is missing or not JSON");
  return rules;
}
