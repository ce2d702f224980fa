/**
 * How hard the reliability suite pushes: bounded counts for `npm test`, the
 * full counts of the issue under `npm run soak` (TICKWIRE_SOAK=1).
 */

/** True under `npm run soak`. */
export const SOAK = process.env.TICKWIRE_SOAK === "1";

/** `test` in npm test, `soak` under npm run soak. */
export function scaled(test: number, soak: number): number {
  return SOAK ? soak : test;
}
