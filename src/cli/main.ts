#!/usr/bin/env node
/**
 * The `tickwire` command: `tickwire run` runs a script tree as a client or a
 * headless server, `tickwire check` reports the problems that would stop a
 * tree from loading, `tickwire pack` turns a folder into a `.pak`. This file
 * only dispatches to the commands and prints the overall help.
 */
import { checkCommand } from "./check.js";
import { packCommand } from "./pack.js";
import { runCommand } from "./run.js";

const HELP = `tickwire: run game scripts with non-blocking networking

Usage:
  tickwire run <scripts dir or .pak> --role client|server|offline_singleplayer [options]
  tickwire check <scripts dir or .pak>
  tickwire pack <dir> [-o <file.pak>]

Commands:
  run    run a script tree (main.ts or main.ep at its root) as a client or a server
  check  report every problem that stops a script tree from loading (exit 1 if any)
  pack   pack a folder (scripts or assets) into a .pak file

Run "tickwire <command> --help" for a command's options.
`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { run: runCommand, check: checkCommand, pack: packCommand };

/** Runs the command line and returns the exit code. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`tickwire: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  return command(rest);
}

process.exit(await main(process.argv.slice(2)));
