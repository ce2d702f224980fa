/**
 * The schema of the engine's config (`new Engine(config)`), checked when the
 * engine is made (SPEC 1): an unknown key or a value of the wrong type throws
 * a TypeError naming it and the closest known key. Typed against
 * `EngineConfig`, so a new config key fails to compile until its rule is here;
 * a platform adds the keys of its own engine (Node's `inspect`).
 */
import { checkOptions, rule, type OptionRule, type OptionSchema, type SchemaOf } from "../core/options.js";
import type { BusOptions } from "../bus/options.js";
import type { EngineConfig } from "./engine.js";
import { RUNTIME_ROLES } from "./modules.js";

/** A whole number of `unit` above 0 (the script budget and memory cap). */
function wholeAbove0(unit: string): OptionRule {
  return { what: `a whole number of ${unit} above 0`, test: (value) => Number.isInteger(value) && (value as number) > 0 };
}

/** Every key of the platform-neutral engine config. */
export const ENGINE_CONFIG_SCHEMA: SchemaOf<EngineConfig> = {
  runtimeRole: rule.required(rule.oneOf(RUNTIME_ROLES)),
  headless: rule.boolean,
  tickRate: {
    what: "a positive number of ticks per second, at most 1000",
    test: (value) => typeof value === "number" && value > 0 && value <= 1000,
  },
  output: rule.func,
  scriptHosts: rule.list,
  onWarp: rule.func,
  scriptBudgetMs: wholeAbove0("milliseconds"),
  sandbox: rule.boolean,
  scriptMemoryBytes: wholeAbove0("bytes"),
  bus: rule.object({
    url: rule.required(rule.string),
    prefix: rule.string,
    nodeId: rule.string,
    publicAddress: rule.string,
    leaseMs: rule.positive,
    requestMs: rule.positive,
  } satisfies SchemaOf<BusOptions>),
};

/** Throws a TypeError naming the first unknown or mistyped key of `config`; `extra` holds the platform's own keys. */
export function checkEngineConfig(config: unknown, extra: OptionSchema = {}): void {
  checkOptions(config, { ...ENGINE_CONFIG_SCHEMA, ...extra });
}
