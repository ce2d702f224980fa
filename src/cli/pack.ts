/**
 * `tickwire pack <dir> [-o <file.pak>]`: writes a folder as a `.pak` (a zip
 * archive with sorted entries and fixed timestamps, so the same folder always
 * gives the same bytes). A script tree (main.ts at its root) also gets its
 * compiled bundle, so a page can run the pack without a bundler.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { writePak } from "../engine/node-tree.js";
import { SCRIPT_ENTRY } from "../engine/typescript/compiled.js";
import { writeScriptsPak } from "../engine/typescript/pack-scripts.js";
import { command, UsageError } from "./options.js";

const HELP = `Usage: tickwire pack <dir> [-o <file.pak>]

Packs every file under <dir> into a .pak (a zip archive). Entries are sorted
and carry a fixed timestamp, so the same folder always gives the same bytes.
A script tree (main.ts at its root) is compiled too, and the bundle is stored
in the pack as .tickwire/scripts.json: a browser runs the pack without a
bundler. A script that does not compile stops the pack with its errors.

Options:
  -o, --out <file.pak>   where to write (default: <dir>.pak next to <dir>)
  -h, --help             show this help
`;

/** Runs `tickwire pack`; returns the exit code. */
export const packCommand = command("pack", HELP, { out: { type: "string", short: "o" } } as const, async ({ values, positionals }) => {
  if (positionals.length !== 1) throw new UsageError("expected exactly one folder to pack");
  const dir = positionals[0] as string;
  const out = values.out ?? join(dirname(resolve(dir)), `${basename(resolve(dir))}.pak`);
  const scripts = existsSync(join(dir, SCRIPT_ENTRY));
  const count = scripts ? await writeScriptsPak(dir, out) : writePak(dir, out);
  const compiled = scripts ? " with the compiled scripts" : "";
  process.stdout.write(`packed ${count} files from ${dir}${compiled} into ${out} (${statSync(out).size} bytes)\n`);
  return 0;
});
