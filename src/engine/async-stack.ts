/**
 * A repair for a Node bug (nodejs/node#38503, #43135): when the vm `timeout`
 * stops a call while one of the context's promise jobs runs and async hooks
 * are on (node:test, AsyncLocalStorage, an APM agent), the job's "before"
 * hook has pushed an async context its "after" hook never pops, and Node
 * aborts the process at the next pop. A mark of the async context stack is
 * taken before each guarded call; after a stopped call the stack is put back
 * to the mark, as Node's own `popAsyncContext` would have left it. Node only.
 */

interface AsyncWrapBinding {
  async_hook_fields: Uint32Array;
  async_id_fields: Float64Array;
  execution_async_resources: unknown[];
  constants: { kStackLength: number; kExecutionAsyncId: number; kTriggerAsyncId: number };
}

/** Where the async context stack stood before a guarded call. */
export interface AsyncStackMark {
  length: number;
  executionId: number;
  triggerId: number;
}

let binding: AsyncWrapBinding | undefined;

/** Node's async_wrap binding, read once (without the deprecation warning for reading it). */
function asyncWrap(): AsyncWrapBinding {
  if (binding === undefined) {
    const quiet = process.noDeprecation;
    process.noDeprecation = true;
    try {
      binding = (process as unknown as { binding(name: string): AsyncWrapBinding }).binding("async_wrap");
    } finally {
      process.noDeprecation = quiet;
    }
  }
  return binding;
}

/** The async context stack as it stands now. */
export function markAsyncStack(): AsyncStackMark {
  const { async_hook_fields: fields, async_id_fields: ids, constants } = asyncWrap();
  return { length: fields[constants.kStackLength] ?? 0, executionId: ids[constants.kExecutionAsyncId] ?? 0, triggerId: ids[constants.kTriggerAsyncId] ?? 0 };
}

/** Drops the async contexts pushed since `mark` by promise jobs a stopped call left unfinished. */
export function restoreAsyncStack(mark: AsyncStackMark): void {
  const { async_hook_fields: fields, async_id_fields: ids, execution_async_resources: resources, constants } = asyncWrap();
  if ((fields[constants.kStackLength] ?? 0) <= mark.length) return;
  fields[constants.kStackLength] = mark.length;
  ids[constants.kExecutionAsyncId] = mark.executionId;
  ids[constants.kTriggerAsyncId] = mark.triggerId;
  resources.length = Math.min(resources.length, mark.length);
}
