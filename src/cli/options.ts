/**
 * What the commands share: parse failures (node:util's parseArgs) become a
 * usage error that names the command and points at its help, and any other
 * failure a one-line message, instead of a stack trace.
 */

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** Runs a command-line parse (node:util's parseArgs); what it throws becomes a UsageError. */
export function asUsage<R>(parse: () => R): R {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs a command body, turning usage errors and failures into a message and an exit code. */
export async function runReporting(command: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tickwire ${command}: ${error.message}\nRun "tickwire ${command} --help" for usage.\n`);
      return 2;
    }
    process.stderr.write(`tickwire ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
