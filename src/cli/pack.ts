/**
 * `tickwire pack <dir> [-o <file.pak>]`: writes a folder as a `.pak` (a zip
 * archive with sorted entries and fixed timestamps, so the same folder always
 * gives the same bytes).
 */
import { statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { writePak } from "../engine/node-tree.js";
import { command, UsageError } from "./options.js";

const HELP = `Usage: tickwire pack <dir> [-o <file.pak>]

Packs every file under <dir> into a .pak (a zip archive). Entries are sorted
and carry a fixed timestamp, so the same folder always gives the same bytes.

Options:
  -o, --out <file.pak>   where to write (default: <dir>.pak next to <dir>)
  -h, --help             show this help
`;

/** Runs `tickwire pack`; returns the exit code. */
export const packCommand = command("pack", HELP, { out: { type: "string", short: "o" } } as const, async ({ values, positionals }) => {
  if (positionals.length !== 1) throw new UsageError("expected exactly one folder to pack");
  const dir = positionals[0] as string;
  const out = values.out ?? join(dirname(resolve(dir)), `${basename(resolve(dir))}.pak`);
  const count = writePak(dir, out);
  process.stdout.write(`packed ${count} files from ${dir} into ${out} (${statSync(out).size} bytes)\n`);
  return 0;
});
