/**
 * The schemas of `createNetRuntime`'s options and of `installNetwork`'s two
 * arguments, and the calls that check them when they are given (SPEC 1): an
 * unknown key or a value of the wrong type throws a TypeError naming it and
 * the closest known key. The limits' keys come from the defaults table; the
 * other schemas are typed against their interfaces, so a new option fails to
 * compile until its rule is here.
 */
import { DEFAULT_LIMITS } from "../core/limits.js";
import { checkOptions, rule, uniformSchema, type OptionSchema, type SchemaOf } from "../core/options.js";
import { POLICY_SCHEMA } from "../policy/policy.js";
import type { Features, RuntimeOptions } from "./runtime.js";

/** The protocols `features` can name, each true or false. */
export const FEATURES_SCHEMA: SchemaOf<Features> = { tcp: rule.boolean, http: rule.boolean, ws: rule.boolean };

/** Every key of `createNetRuntime`'s options. */
export const RUNTIME_SCHEMA: SchemaOf<RuntimeOptions> = {
  features: rule.object(FEATURES_SCHEMA),
  limits: rule.object(uniformSchema(DEFAULT_LIMITS, rule.count)),
  tls: rule.object({ ca: rule.stringOrStrings } satisfies SchemaOf<NonNullable<RuntimeOptions["tls"]>>),
  policy: rule.object(POLICY_SCHEMA),
};

/** The runtime options installNetwork takes as its second argument: all but `features`. */
const OPTIONS_BESIDE_FEATURES: OptionSchema = Object.fromEntries(Object.entries(RUNTIME_SCHEMA).filter(([key]) => key !== "features"));

/** Throws a TypeError naming the first unknown or mistyped key of `createNetRuntime`'s options. */
export function checkRuntimeOptions(options: unknown): void {
  checkOptions(options, RUNTIME_SCHEMA);
}

/**
 * Throws a TypeError naming the first unknown or mistyped key of `installNetwork(features, options)`;
 * a runtime option given as a feature (`installNetwork({ policy })`) is told to move to the second argument.
 */
export function checkNetworkArguments(features: unknown, options: unknown): void {
  const runtimeKey = typeof features === "object" && features !== null ? Object.keys(features).find((key) => key in OPTIONS_BESIDE_FEATURES) : undefined;
  if (runtimeKey !== undefined) {
    throw new TypeError(`unknown option "features.${runtimeKey}": "${runtimeKey}" is a runtime option, given as installNetwork's second argument (installNetwork(features, { ${runtimeKey} }))`);
  }
  checkOptions(features, FEATURES_SCHEMA, "features");
  if (typeof options === "object" && options !== null && "features" in options) {
    throw new TypeError(`unknown option "features" in installNetwork's second argument: the features are its first argument`);
  }
  checkOptions(options, OPTIONS_BESIDE_FEATURES);
}
