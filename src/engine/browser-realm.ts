/**
 * Realms in a page: each is a hidden same-origin iframe, a separate set of
 * JavaScript built-ins and globals, so two engines in one page share no
 * script state. As on Node, the page's typed array and ArrayBuffer classes
 * are placed in the realm so bytes from the network and bytes a script makes
 * are of one class, and rejections nothing handled in the realm go to its
 * engine. The iframe is not a security boundary: it separates scripts from
 * each other, not from the page, and a page cannot stop a runaway call, so
 * the script budget does not hold here (see docs/browser.md).
 */
import type { RealmFactory, ScriptRealm } from "./realm.js";

/** Page byte classes shared into every realm so bytes have one class on both sides. */
const SHARED_CLASSES = [
  "ArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
  "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
] as const;

type RealmWindow = Window & typeof globalThis;

/**
 * Makes a classic script whose line numbers start `-lineOffset` lines late (a page cannot shift
 * them as `node:vm` does) by joining its first lines into one; `filename` names it in stacks.
 */
export function placeScript(source: string, filename: string, lineOffset: number): string {
  let text = source;
  for (let joined = 0; joined < -lineOffset; joined++) text = text.replace("\n", " ");
  return `${text}\n//# sourceURL=${filename}`;
}

/** Puts a global in the realm, over the window's own one of that name (some, like `crypto`, are getters). */
function place(realm: RealmWindow, name: string, value: unknown): void {
  Object.defineProperty(realm, name, { value, writable: true, configurable: true, enumerable: false });
}

/** Creates a realm in a hidden iframe holding `globals` and the page's byte classes. */
export const createBrowserRealm: RealmFactory = (globals, onUncaught): ScriptRealm => {
  const frame = document.createElement("iframe");
  frame.style.display = "none";
  frame.setAttribute("aria-hidden", "true");
  document.documentElement.appendChild(frame);
  const realm = frame.contentWindow as RealmWindow;
  for (const name of SHARED_CLASSES) place(realm, name, globalThis[name]);
  for (const [name, value] of Object.entries(globals)) place(realm, name, value);
  realm.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    onUncaught(event.reason);
  });
  const evaluate = realm.eval;
  return {
    Promise: realm.Promise,
    makeError: (message) => new realm.Error(message),
    evaluate(source, filename, lineOffset) {
      return evaluate(placeScript(source, filename, lineOffset));
    },
    run: (call) => call(),
  };
};
