/**
 * Engines and script trees for tests: a tree written to a fresh temporary
 * folder from a map of file texts, and an engine whose log lines are kept
 * for assertions and which is always stopped when its test file ends.
 * With TICKWIRE_TEST_SANDBOX=1 in the environment, every such engine runs
 * its scripts in the sandbox unless the test says otherwise, so a suite can
 * be run again sandboxed (test/engine/sandbox-suites.test.ts does).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { Engine, type LogLevel, type NodeEngineConfig } from "../../src/engine/index.js";
import { pollUntil } from "./poll.js";

/** True when this test process runs its engines sandboxed (TICKWIRE_TEST_SANDBOX=1). */
export const SANDBOXED = process.env.TICKWIRE_TEST_SANDBOX === "1";

/** Writes `files` (key to text) into a new temporary folder and returns its path. */
export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "tickwire-tree-"));
  for (const [key, text] of Object.entries(files)) {
    const path = join(root, ...key.split("/"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return root;
}

/** An engine under test with the lines it logged. */
export interface TestEngine {
  engine: Engine;
  /** Every line written, with its prefix ("[server] ...", "[server:error] ..."). */
  lines: string[];
  /** Lines and levels, in order. */
  entries: { level: LogLevel; line: string }[];
  /** Waits for a line matching `pattern`; returns it. */
  line(pattern: RegExp, what?: string): Promise<string>;
}

/** Creates an engine that records its output and is stopped when the test file ends. */
export function engineForTest(config: Partial<NodeEngineConfig> = {}): TestEngine {
  const entries: { level: LogLevel; line: string }[] = [];
  const lines: string[] = [];
  const engine = new Engine({
    runtimeRole: "server",
    headless: true,
    sandbox: SANDBOXED,
    ...config,
    output: (level, line) => {
      entries.push({ level, line });
      lines.push(line);
    },
  });
  after(() => engine.stop());
  const line = async (pattern: RegExp, what?: string) => {
    try {
      return await pollUntil(() => lines.find((text) => pattern.test(text)), { what: what ?? `a line matching ${pattern}` });
    } catch (error) {
      throw new Error(`${(error as Error).message}; the engine logged:\n${lines.join("\n")}`);
    }
  };
  return { engine, lines, entries, line };
}

/** Mounts `files` as the script tree of a new test engine, starts it, and returns it. */
export async function runScript(
  files: Record<string, string>,
  config: Partial<NodeEngineConfig> = {},
  setup?: (engine: Engine) => void,
  ticks?: number,
): Promise<TestEngine> {
  const test = engineForTest(config);
  setup?.(test.engine);
  await test.engine.mountScripts(writeTree(files));
  await test.engine.start({ ticks });
  return test;
}
