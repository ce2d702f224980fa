/**
 * Turns a bundled ES module into a classic script that evaluates to an async
 * function, so top-level `await` keeps working and each evaluation has its
 * own module scope. The bundle's trailing export clause is replaced by a call
 * made before any top-level code runs: it hands over live getters of the
 * exports (functions are hoisted, so phases exist even while top-level code
 * is still awaiting). The wrapper sits on a line of its own above the bundle.
 */

/** The name the wrapper's registration parameter takes inside the script. */
const REGISTER = "$tickwire$exports";

/** The exports of a running script, read live (as ES module bindings are). */
export type LiveExports = Record<string, unknown>;

/** A bundle as a classic script whose value is `async (register) => { ...top-level code... }`. */
export interface WrappedScript {
  source: string;
  /** Lines the wrapper adds above the bundle (stack line numbers are shifted back by this). */
  headerLines: number;
}

const EXPORT_CLAUSE = /\nexport\s*\{([^}]*)\};?\s*$/;

/** Wraps `code` (an esbuild ES module bundle exporting `exports`) into a function script. */
export function wrapBundle(code: string, exports: readonly string[]): WrappedScript {
  let body = code;
  let getters = "";
  const clause = EXPORT_CLAUSE.exec(code);
  if (clause !== null) {
    body = code.slice(0, clause.index) + "\n".repeat(countLines(clause[0]));
    getters = parseClause(clause[1] ?? "")
      .map(([local, exported]) => `get ${JSON.stringify(exported)}() { return ${local}; }`)
      .join(", ");
  } else if (exports.length > 0) {
    throw new Error(`the script bundle exports ${exports.join(", ")} but has no export clause`);
  }
  const header = `(async function (${REGISTER}) { "use strict"; ${REGISTER}({ ${getters} });`;
  return { source: `${header}\n${body}\n})`, headerLines: 1 };
}

/** Pairs of [local name, exported name] from the inside of `export { a, b as c }`. */
function parseClause(inside: string): [string, string][] {
  return inside
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      const [local = "", exported = local] = item.split(/\s+as\s+/);
      return [local, exported.startsWith('"') ? (JSON.parse(exported) as string) : exported];
    });
}

function countLines(text: string): number {
  return text.split("\n").length - 1;
}
