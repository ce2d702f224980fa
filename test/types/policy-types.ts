/**
 * Type-level tests of the `policy` option, checked by `tsc --noEmit` in
 * `npm test`: a rule's action is "allow" or "deny", ports are numbers, and
 * `listen` is a boolean. Each `@ts-expect-error` line must fail to compile.
 */
import type { PolicyOptions, RuntimeOptions } from "../../src/index.js";

/** The recommended policy type-checks as written in docs/security.md. */
export const recommended: RuntimeOptions = {
  policy: {
    rules: [
      { host: "$private", action: "deny" },
      { host: "*.mygame.example", action: "allow" },
      { host: "*", action: "allow", ports: [443] },
    ],
  },
  limits: { maxTcpConnections: 16, maxWebSockets: 16, uploadBytesPerSecond: 262_144, downloadBytesPerSecond: 1_048_576 },
};

export const wrong: PolicyOptions[] = [
  // @ts-expect-error an action is "allow" or "deny"
  { rules: [{ host: "*", action: "block" }] },
  // @ts-expect-error ports are numbers
  { rules: [{ host: "*", action: "allow", ports: ["443"] }] },
  // @ts-expect-error listen is a boolean
  { rules: [], listen: "no" },
  // @ts-expect-error rules are required
  { listen: false },
];
