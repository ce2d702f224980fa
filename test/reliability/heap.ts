/**
 * Heap measurement for soak tests: a full garbage collection without
 * needing --expose-gc on the command line, then the bytes in use.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** Heap bytes in use after full collections (with a turn between, so closed sockets let go). */
export async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}
