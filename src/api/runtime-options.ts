/**
 * The schema of `createNetRuntime`'s options, made from the protocol table it
 * runs on, and the checks of those options and of `installNetwork`'s two
 * arguments when they are given (SPEC 1): an unknown key or a value of the
 * wrong type throws a TypeError naming it and the closest known key. Feature
 * names and each protocol's own option keys come from the table's rows, the
 * limits from the defaults (the core's and the rows'), so a new protocol or
 * limit needs no edit here; the fixed keys are typed against the options
 * type, so a new one fails to compile until its rule is here.
 */
import { checkOptions, rule, uniformSchema, type OptionSchema, type SchemaOf } from "../core/options.js";
import type { ProtocolList } from "../core/protocol.js";
import { POLICY_SCHEMA } from "../policy/policy.js";
import type { RuntimeOptionsOf } from "./runtime.js";

/** The options every table has, beside `features`, `limits` and the protocols' own. */
const FIXED: Omit<SchemaOf<RuntimeOptionsOf<[]>>, "features" | "limits"> = {
  tls: rule.object({ ca: rule.stringOrStrings } satisfies SchemaOf<NonNullable<RuntimeOptionsOf<[]>["tls"]>>),
  policy: rule.object(POLICY_SCHEMA),
};

/** Every key of `createNetRuntime`'s options over `table`, whose limits default to `limitDefaults`. */
export function runtimeSchema(table: ProtocolList, limitDefaults: object): OptionSchema {
  const ownOptions = table.flatMap((protocol) => Object.keys(protocol.options ?? {}));
  return {
    features: rule.object(uniformSchema(Object.fromEntries(table.map((protocol) => [protocol.name, true])), rule.boolean)),
    limits: rule.object(uniformSchema(limitDefaults, rule.count)),
    ...FIXED,
    // A protocol's own options are checked by its row; here only their keys are known.
    ...uniformSchema(Object.fromEntries(ownOptions.map((key) => [key, true])), rule.any),
  };
}

/** Throws a TypeError naming the first unknown or mistyped key of `createNetRuntime`'s options. */
export function checkRuntimeOptions(options: unknown, table: ProtocolList, limitDefaults: object): void {
  checkOptions(options, runtimeSchema(table, limitDefaults));
}

/**
 * Throws a TypeError for the slips particular to `installNetwork(features, options)`: a runtime option
 * given as a feature (`installNetwork({ policy })`), told to move to the second argument, and `features`
 * inside the options. Every other key is checked by the runtime, which names features as "features.<key>".
 */
export function checkNetworkArguments(features: unknown, options: unknown): void {
  if (features !== undefined && (typeof features !== "object" || features === null || Array.isArray(features))) {
    throw new TypeError(`installNetwork's first argument must be the features object, such as { tcp: false }, not ${JSON.stringify(features)}`);
  }
  const runtimeKey = Object.keys(features ?? {}).find((key) => key === "limits" || key in FIXED);
  if (runtimeKey !== undefined) {
    throw new TypeError(`unknown option "features.${runtimeKey}": "${runtimeKey}" is a runtime option, given as installNetwork's second argument (installNetwork(features, { ${runtimeKey} }))`);
  }
  if (typeof options === "object" && options !== null && "features" in options) {
    throw new TypeError(`unknown option "features" in installNetwork's second argument: the features are its first argument`);
  }
}
