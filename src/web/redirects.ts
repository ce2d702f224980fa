/**
 * The one redirect limit a page can honour besides 0: every browser follows
 * up to 20 redirects (the Fetch standard's limit) and offers no other count.
 */

/** The redirect count every browser follows before failing. */
export const BROWSER_MAX_REDIRECTS = 20;

/** The `maxRedirects` a page runs with: the script's valid choice, else the browser's own count. */
export function browserMaxRedirects(given: unknown): number {
  return typeof given === "number" && given >= 0 ? given : BROWSER_MAX_REDIRECTS;
}
