/**
 * What the commands share: parsing their options (node:util's parseArgs,
 * strict, with -h/--help on every command), printing the help, and turning
 * failures into an exit code with a one-line message: a usage error names the
 * command and points at its help (exit 2), any other failure exits 1.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

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
        throw new UsageError((error as Error).message);
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
