/**
 * What the commands share: parsing their options (node:util's parseArgs,
 * strict, with -h/--help on every command), printing the help, and turning
 * failures into an exit code with a one-line message: a usage error names the
 * command and points at its help (exit 2), any other failure exits 1.
 */
import { statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestName } from "../core/options.js";

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;
const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

/** What a command's body gets: its parsed options and positional arguments. */
export type Parsed<T extends OptionSpecs> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T & typeof HELP_OPTION; allowPositionals: true; strict: true }>
>;

/** Builds a command: parses `args` against `options`, prints `help` for -h, and runs `body` reporting its failures. */
export function command<T extends OptionSpecs>(
  name: string,
  help: string,
  options: T,
  body: (parsed: Parsed<T>) => Promise<number>,
): (args: string[]) => Promise<number> {
  return async (args) => {
    try {
      let parsed: Parsed<T>;
      try {
        parsed = parseArgs({ args, options: { ...options, ...HELP_OPTION }, allowPositionals: true, strict: true });
      } catch (error) {
        throw new UsageError(parseErrorText(error as Error & { code?: string }, Object.keys(options)));
      }
      if ((parsed.values as { help?: boolean }).help === true) {
        process.stdout.write(help);
        return 0;
      }
      return await body(parsed);
    } catch (error) {
      const usage = error instanceof UsageError;
      const hint = usage ? `\nRun "tickwire ${name} --help" for usage.` : "";
      process.stderr.write(`tickwire ${name}: ${(error as Error).message}${hint}\n`);
      return usage ? 2 : 1;
    }
  };
}

/** The parser's complaint in the command line's words: an unknown option is named, with the closest known one. */
function parseErrorText(error: Error & { code?: string }, known: readonly string[]): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION" || option === undefined) return error.message;
  const closest = closestName(option.replace(/^-+/, "").split("=")[0] ?? "", known);
  return `unknown option ${option}${closest === undefined ? "" : ` (did you mean --${closest}?)`}`;
}

/** The one script tree a command was given (a folder or a .pak); a script file given instead is a usage error that says what to give. */
export function scriptTreeArgument(positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError("expected exactly one script tree (a folder or a .pak)");
  const path = positionals[0] as string;
  const isFile = statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  if (isFile && /\.(m?ts|m?js|ep)$/.test(path)) {
    throw new UsageError(`${path} is a script file: give the folder that holds ${basename(path)} (${dirname(path)}), or a .pak`);
  }
  return path;
}
