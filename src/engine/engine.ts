/**
 * The engine: one class for both programs of a game, the role a config value.
 * It owns the installed modules (the network opt-in), the one mounted script
 * tree and the asset tree, the fixed-step loop that calls the script's
 * phases (`init`, then `tick(dt)` and, with a window, `draw()` each tick),
 * and the shutdown that runs `shutdown()` and closes the network. Every call
 * into the script is under the `scriptBudgetMs` budget (see `budget.ts`).
 * Where files, realms and runtimes come from is the platform's (see
 * `index.ts` for Node); everything here is platform-neutral.
 */
import { checkNetworkArguments } from "../api/runtime-options.js";
import type { Features, NetRuntime, RuntimeOptions } from "../protocols.js";
import { checkOptions, rule, type OptionSchema, type SchemaOf } from "../core/options.js";
import type { BusOptions } from "../bus/options.js";
import { scriptLimitsOf, type ScriptLimits } from "./budget.js";
import { checkEngineConfig } from "./config-options.js";
import type { ImageDecoder } from "./images.js";
import { consoleSink, Logger, type LogSink } from "./logger.js";
import { FixedStepLoop } from "./loop.js";
import { createAssets, createJson, createLog, createSys, ModuleTable, type RuntimeRole } from "./modules.js";
import type { RealmFactory, ScriptRealm } from "./realm.js";
import { ErrorReporter } from "./reporter.js";
import { findScriptHost, PHASES, PHASES_SHOWN, type CompiledScript, type PhaseName, type ScriptContext, type ScriptHost, type ScriptInstance } from "./script-host.js";
import { watchSends } from "./send-watch.js";
import { TickSignal } from "./tick-signal.js";
import type { FileTree } from "./tree.js";

/** How an engine is set up. */
export interface EngineConfig {
  /** Which program this is: scripts read it with `sys.runtime_role()`. */
  runtimeRole: RuntimeRole;
  /** True for a process without a window (a dedicated server, a bot); `sys.is_headless()`. */
  headless?: boolean;
  /** Ticks per second (default 60); `tick(dt)` gets `1 / tickRate` seconds. */
  tickRate?: number;
  /** Where log lines go (default: stdout, and stderr for warn and error). */
  output?: LogSink;
  /** The script languages this engine runs, tried by entry file (default: TypeScript `main.ts`, then Epitaph `main.ep`). */
  scriptHosts?: readonly ScriptHost[];
  /** Receives a script's scene or mode change request (Epitaph's `sys.warp`); without it such a request is a script error. */
  onWarp?: (target: string) => void;
  /** The bus between processes (SPEC 13), used by `installNetwork` unless its options name another. */
  bus?: BusOptions;
  /** The most wall time one call into the script may take, in milliseconds (default 1000); past it the call is stopped. */
  scriptBudgetMs?: number;
  /** Run the scripts in the sandbox, for scripts the game does not trust (see docs/security.md); default false. */
  sandbox?: boolean;
  /** The sandboxed scripts' heap cap in bytes (default 256 MiB); past it the call is stopped. */
  scriptMemoryBytes?: number;
}

/** What an engine needs from the platform it runs on. */
export interface EnginePlatform {
  /** Opens a folder or a `.pak` path as a tree. */
  openTree(path: string): FileTree;
  /** Creates a network runtime (`createNetRuntime`). */
  createRuntime(options: RuntimeOptions): NetRuntime;
  /** Creates an isolated global scope for scripts. */
  createRealm: RealmFactory;
  /** The script hosts used when the config names none. */
  scriptHosts: readonly ScriptHost[];
  /** Decodes PNG and JPEG assets for `assets.load_image`. */
  decodeImage: ImageDecoder;
  /** The config keys this platform's engine adds, with their rules. */
  configSchema?: OptionSchema;
  /** Loads the sandbox (`config.sandbox`) and returns its realm factory; absent where there is none. */
  loadSandbox?: () => Promise<RealmFactory>;
}

/** Options of `engine.start()`. */
export interface StartOptions {
  /** Stop by itself after exactly this many calls of `tick`. */
  ticks?: number;
}

/** The keys of `start()`'s options (`ticks` is checked to be a whole number where it is read). */
const START_SCHEMA: SchemaOf<StartOptions> = { ticks: rule.any };

/** How long `stop()` waits for an async `shutdown()` before closing the network anyway. */
const SHUTDOWN_WAIT_MS = 5000;

/** How often the script's woken code is run while an async `shutdown()` is awaited. */
const RESUME_EVERY_MS = 5;

/** Modules the engine installs when asked (installNetwork, mountAssets); a host program cannot take their names. */
const INSTALLED_BY_ENGINE = ["net", "network", "assets"];

type State = "idle" | "running" | "stopped";

/** A game engine for one process: the client or the headless server of a game. */
export class EngineBase {
  readonly role: RuntimeRole;
  readonly headless: boolean;
  readonly tickRate: number;
  /** Calls of `tick` so far. */
  ticks = 0;
  /** The exit code a script asked for with `sys.exit(code)` (0 otherwise). */
  exitCode = 0;
  /** Resolves with the exit code once the engine has stopped and its network is closed. */
  readonly finished: Promise<number>;
  private readonly modules = new ModuleTable();
  private readonly logger: Logger;
  private readonly reporter: ErrorReporter;
  private readonly ticker = new TickSignal();
  private readonly loop: FixedStepLoop;
  private readonly hosts: readonly ScriptHost[];
  private readonly onWarp: ((target: string) => void) | undefined;
  private readonly bus: BusOptions | undefined;
  private readonly limits: ScriptLimits;
  private sandboxRealms: RealmFactory | undefined;
  private guardRealm: ScriptRealm | undefined;
  private runtime: NetRuntime | undefined;
  private scriptsMounted = false;
  private compiled: CompiledScript | undefined;
  private assetsMounted = false;
  private instance: ScriptInstance | undefined;
  private state: State = "idle";
  private maxTicks = Infinity;
  private stopRequested = false;
  private stopping: Promise<void> | undefined;
  private resolveFinished!: (code: number) => void;

  constructor(
    config: EngineConfig,
    private readonly platform: EnginePlatform,
  ) {
    checkEngineConfig(config, platform.configSchema);
    const tickRate = config.tickRate ?? 60;
    this.role = config.runtimeRole;
    this.headless = config.headless === true;
    this.tickRate = tickRate;
    this.hosts = config.scriptHosts ?? platform.scriptHosts;
    this.onWarp = config.onWarp;
    this.bus = config.bus;
    this.limits = scriptLimitsOf(config);
    this.logger = new Logger(this.role, config.output ?? consoleSink);
    this.reporter = new ErrorReporter(this.logger, () => performance.now());
    this.loop = new FixedStepLoop(1000 / tickRate, () => this.tickOnce());
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.modules.install("sys", createSys(this.role, this.headless, (code) => this.requestStop(code)));
    this.modules.install("log", createLog(this.logger));
    this.modules.install("json", createJson());
  }

  /** The installed network runtime, or undefined before `installNetwork`. */
  get network(): NetRuntime | undefined {
    return this.runtime;
  }

  /** Script errors reported so far, repeats included. */
  get errorCount(): number {
    return this.reporter.total;
  }

  /** Installs the network (opt-in): `net` and `network` for scripts, with `createNetRuntime`'s options. */
  installNetwork(features?: Features, options?: Omit<RuntimeOptions, "features">): NetRuntime {
    this.beforeStart("installNetwork");
    if (this.runtime !== undefined) throw new Error("installNetwork() was already called on this engine");
    checkNetworkArguments(features, options);
    const runtime = this.platform.createRuntime({ ...options, bus: options?.bus ?? this.bus, features });
    this.runtime = runtime;
    this.modules.install("net", watchSends(runtime.net, this.logger));
    this.modules.install("network", runtime.network);
    return runtime;
  }

  /** Installs a module of the host program's own, which scripts reach with `access(name)`. */
  installModule(name: string, module: object): void {
    this.beforeStart("installModule");
    if (this.modules.has(name) || INSTALLED_BY_ENGINE.includes(name)) {
      throw new Error(`a module named "${name}" is already installed, or installed by the engine itself`);
    }
    this.modules.install(name, module);
  }

  /** Mounts the script tree (a folder or a `.pak`); exactly once per engine. Rejects if the tree cannot be loaded. */
  async mountScripts(tree: string | FileTree): Promise<void> {
    this.beforeStart("mountScripts");
    if (this.scriptsMounted) throw new Error("mountScripts() was already called: an engine mounts exactly one script tree");
    this.scriptsMounted = true;
    const opened = typeof tree === "string" ? this.platform.openTree(tree) : tree;
    if (this.limits.sandbox) this.sandboxRealms = await this.loadSandbox();
    const compiled = await findScriptHost(opened, this.hosts).compile(opened);
    this.compiled = compiled;
    this.reporter.useDescriber((error) => compiled.describe(error));
  }

  /** Mounts the asset tree (a folder or a `.pak`) that `assets.*` reads; once per engine. */
  async mountAssets(tree: string | FileTree): Promise<void> {
    this.beforeStart("mountAssets");
    if (this.assetsMounted) throw new Error("mountAssets() was already called on this engine");
    this.assetsMounted = true;
    this.modules.install("assets", createAssets(typeof tree === "string" ? this.platform.openTree(tree) : tree, this.platform.decodeImage));
  }

  /** Runs the script's top-level code and `init()`, then ticks at the tick rate until stopped. */
  async start(options: StartOptions = {}): Promise<void> {
    if (this.state !== "idle") throw new Error("start() was already called on this engine");
    if (this.compiled === undefined) throw new Error("start() needs a script tree: call and await mountScripts(path) first");
    checkOptions(options, START_SCHEMA);
    const ticks = options.ticks;
    if (ticks !== undefined && !(Number.isInteger(ticks) && ticks >= 0)) throw new Error(`ticks must be a whole number, not ${ticks}`);
    this.maxTicks = ticks ?? Infinity;
    this.state = "running";
    const instance = this.compiled.instantiate(this.context());
    this.instance = instance;
    const outcome = await instance.loaded;
    if (outcome === "failed") return this.stopAfterLoadFailure(instance);
    if (outcome === "finished") this.warnIfNothingToRun(instance);
    this.callPhase("init");
    if (this.maxTicks === 0) this.requestStop(this.exitCode);
    if (!this.stopRequested) this.loop.start();
  }

  /** The top-level code failed (its error is printed): no phase runs, and the engine stops with exit code 1. */
  private stopAfterLoadFailure(instance: ScriptInstance): void {
    this.logger.line("error", "the scripts failed to load: no phase runs, and the engine stops with exit code 1");
    instance.dispose();
    this.instance = undefined;
    this.requestStop(1);
  }

  /**
   * Warns once when the tree exports names but no phase and its top-level code has finished: nothing
   * would ever run (`Init`, `update`). A tree that exports nothing is a run-once script and is left alone.
   */
  private warnIfNothingToRun(instance: ScriptInstance): void {
    if (instance.exported.length === 0 || PHASES.some((name) => instance.phase(name) !== undefined)) return;
    const exported = instance.exported.join(", ");
    this.logger.line("warn", `the scripts define no phase and have no top-level loop, so nothing runs after load: they export ${exported}; the phases are ${PHASES_SHOWN}`);
  }

  /** Stops ticking, runs `shutdown()`, closes the network, and resolves; later calls return the same promise. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const wasRunning = this.state === "running";
    this.state = "stopped";
    this.loop.stop();
    if (wasRunning) await this.settle(this.callPhase("shutdown"));
    this.instance?.dispose();
    await this.runtime?.close();
    this.reporter.flush(true);
    this.resolveFinished(this.exitCode);
  }

  private tickOnce(): void {
    if (this.state !== "running" || this.stopRequested) return;
    this.ticks++;
    const dt = 1 / this.tickRate;
    this.callPhase("tick", dt);
    if (!this.headless) this.callPhase("draw");
    this.ticker.fire(dt);
    queueMicrotask(() => this.resumeScript());
    this.runtime?.flush();
    this.reporter.flush();
    if (this.ticks >= this.maxTicks) this.requestStop(this.exitCode);
  }

  /** Stops after the current tick, once the async code it woke has run. */
  private requestStop(code: number): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    this.exitCode = code;
    this.loop.stop();
    setTimeout(() => void this.stop(), 0);
  }

  /** Calls a phase if the script has it; errors (thrown or rejected) are reported. Returns its result. */
  private callPhase(name: PhaseName, ...args: unknown[]): unknown {
    const where = `in ${name}()`;
    try {
      const result = this.instance?.phase(name)?.(...args);
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.reporter.report(error, where));
      return result;
    } catch (error) {
      this.reporter.report(error, where);
      return undefined;
    }
  }

  private loadSandbox(): Promise<RealmFactory> {
    if (this.platform.loadSandbox === undefined) throw new Error("config.sandbox: this platform has no sandbox (it runs on Node only)");
    return this.platform.loadSandbox();
  }

  /** Runs the script code woken since the last call into it; a budget overrun is reported. */
  private resumeScript(): void {
    try {
      this.instance?.resume();
    } catch (error) {
      this.reporter.report(error, "in async code");
    }
  }

  /** Waits for an async phase's result, at most SHUTDOWN_WAIT_MS, running the script's woken code meanwhile. */
  private async settle(result: unknown): Promise<void> {
    if (!isThenable(result)) return;
    const resuming = setInterval(() => this.resumeScript(), RESUME_EVERY_MS);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.line("warn", `shutdown() did not finish within ${SHUTDOWN_WAIT_MS} ms; closing the network anyway`);
        resolve();
      }, SHUTDOWN_WAIT_MS);
    });
    await Promise.race([Promise.resolve(result).then(() => undefined, () => undefined), late]);
    clearTimeout(timer);
    clearInterval(resuming);
  }

  private context(): ScriptContext {
    return {
      role: this.role,
      headless: this.headless,
      access: (name) => this.modules.access(name),
      log: (level, args) => this.logger.log(level, args),
      write: (level, line) => this.logger.raw(level, line),
      exit: (code) => this.requestStop(code),
      warp: this.onWarp,
      nextTick: () => this.ticker.next(),
      network: this.runtime?.network,
      report: (error, where) => this.reporter.report(error, where),
      createRealm: (globals, onUncaught) => (this.sandboxRealms ?? this.platform.createRealm)(globals, onUncaught, this.limits),
      guard: (call) => {
        this.guardRealm ??= this.platform.createRealm({}, (error) => this.reporter.report(error, "in async code"), this.limits);
        return this.guardRealm.run(call);
      },
    };
  }

  private beforeStart(call: string): void {
    if (this.state !== "idle") throw new Error(`${call}() must be called before engine.start()`);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}
