/**
 * Code generation for Epitaph expressions: each expression becomes one
 * JavaScript expression string. Names are resolved here, at compile time
 * (locals, then the sector's variables and phases, then the file's modules,
 * then visible sectors, then builtins); a name that resolves to nothing, a
 * phase or builtin used as a value, and a call with the wrong number of
 * arguments are diagnostics. Fast paths are inlined (safe-int arithmetic,
 * `===` against literals, field reads on objects, direct calls of phases)
 * and slow paths call `runtime.ts`. Temporaries (`t0`, `t1`, ...) are
 * function-level locals; float boxes and symbols are constants of the tree.
 */
import { editDistance } from "../core/edit-distance.js";
import type { Expr, Pos } from "./ast.js";
import { BUILTINS } from "./builtins.js";
import type { EpitaphDiagnostic } from "./errors.js";
import type { Declared, ModuleBinding, PhaseDecl, SectorInfo, Unit } from "./layout.js";
import { arityText } from "./modules/args.js";
import type { ModuleSpec } from "./modules/index.js";
import { GUARDED_FIELDS } from "./runtime.js";

/** What a name means at one place in the source. */
export type Resolved =
  | { kind: "var"; js: string }
  | { kind: "phase"; decl: PhaseDecl }
  | { kind: "module"; binding: ModuleBinding }
  | { kind: "sector"; sector: SectorInfo }
  | { kind: "builtin" }
  | { kind: "unknown" };

/** Code that raises a script fault with `message` when evaluated. */
export function faultCode(message: string): string {
  return `fault(${JSON.stringify(message)})`;
}

const COMPARE = new Set(["==", "!=", "<", "<=", ">", ">="]);
const LITERAL = new Set(["num", "text", "bool", "sym"]);
const ARITH_HELPER: Record<string, string> = { "+": "add", "-": "sub", "*": "mul" };
type NumLiteral = Extract<Expr, { kind: "num" }>;

/** True when a number literal is a raw JS number at run time (every int that fits, floats with a fraction part). */
function isRawNumber(e: NumLiteral): boolean {
  return typeof e.value === "number" && Number.isSafeInteger(e.value) !== e.float;
}

/** True when `e` always yields a JS boolean. */
function isBool(e: Expr): boolean {
  if (e.kind === "bool") return true;
  if (e.kind === "binary") return COMPARE.has(e.op);
  if (e.kind === "unary") return e.op === "not";
  return e.kind === "logic" && isBool(e.left) && isBool(e.right);
}

/** True when `e` never yields an object (a symbol, a float box), so a host needs no conversion of it. */
function isPrimitive(e: Expr): boolean {
  if (e.kind === "num") return !e.float || isRawNumber(e);
  return e.kind === "text" || e.kind === "bool" || e.kind === "void" || isBool(e);
}

/** How a callee is written, for error messages. */
function describeCallee(e: Expr): string {
  if (e.kind === "name") return e.name;
  if (e.kind === "member") return `${describeCallee(e.object)}.${e.name}`;
  return "this value";
}

/** Expression compiler for one unit; the statement compiler extends it. */
export class ExprCompiler {
  protected scopes: Map<string, string>[] = [];
  /** JS names of locals holding a host's value whose fields go back to hosts unconverted (see host-values.ts). */
  protected hostBound = new Set<string>();
  /** JS names of locals known to hold a non-null object where the code being compiled runs. */
  protected knownObjects = new Set<string>();
  protected temps: string[] = [];

  constructor(
    protected readonly unit: Unit,
    private readonly constants: Map<string, string>,
    protected readonly diags: EpitaphDiagnostic[],
  ) {}

  /** Records a problem with a name, unless the file has syntax errors (a broken `let` leaves its name undeclared). */
  protected nameError(at: Pos, message: string): void {
    if (!this.unit.ast.broken) this.error(at, message);
  }

  /** Records a problem at `at` in this unit's file. */
  protected error(at: Pos, message: string): void {
    this.diags.push({ file: this.unit.file, line: at.line, col: at.col, message });
  }

  /** Allocates a fresh temporary of the current function. */
  protected temp(): string {
    const t = `t${this.temps.length}`;
    this.temps.push(t);
    return t;
  }

  /** Resolves a bare name in the current scope. */
  protected resolve(name: string): Resolved {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const js = this.scopes[i].get(name);
      if (js !== undefined) return { kind: "var", js };
    }
    return this.inSector(this.unit.sector, name) ?? this.outer(name);
  }

  private inSector(sector: SectorInfo, name: string): Resolved | undefined {
    const g: Declared | undefined = sector.globals.get(name);
    if (g) return { kind: "var", js: g.js };
    const p = sector.phases.get(name);
    return p ? { kind: "phase", decl: p } : undefined;
  }

  private outer(name: string): Resolved {
    const binding = this.unit.modules.get(name);
    if (binding) return { kind: "module", binding };
    const sector = this.unit.sectors.get(name);
    if (sector) return { kind: "sector", sector };
    return BUILTINS.has(name) ? { kind: "builtin" } : { kind: "unknown" };
  }

  /** Resolves `object.name` when `object` names a sector; undefined otherwise. */
  protected sectorMember(e: Extract<Expr, { kind: "member" }>): Resolved | undefined {
    if (e.object.kind !== "name") return undefined;
    const base = this.resolve(e.object.name);
    if (base.kind !== "sector") return undefined;
    return this.inSector(base.sector, e.name) ?? { kind: "unknown" };
  }

  /** Compiles an expression to a JS expression. */
  protected expr(e: Expr): string {
    switch (e.kind) {
      case "num": return this.num(e);
      case "text": return JSON.stringify(e.value);
      case "sym": return this.sym(e.name);
      case "bool": return String(e.value);
      case "void": return "undefined";
      case "name": return this.valueOf(this.resolve(e.name), e.name, e);
      case "member": return this.member(e);
      case "index": return `index(${this.expr(e.object)}, ${this.expr(e.index)})`;
      case "call": return this.call(e);
      case "unary": return this.unary(e);
      case "binary": return this.binary(e);
      case "logic": return this.logic(e);
      case "list": return `[${e.items.map((x) => this.expr(x)).join(", ")}]`;
      case "record": return `({ ${e.entries.map((x) => `${JSON.stringify(x.key)}: ${this.expr(x.value)}`).join(", ")} })`;
    }
  }

  /** Compiles an expression used as a condition to a JS boolean (only void and dormant are false). */
  protected cond(e: Expr): string {
    if (isBool(e)) return this.expr(e);
    const t = this.temp();
    return `((${t} = ${this.expr(e)}) !== false && ${t} != null)`;
  }

  /** A constant of the tree, made once by `init` (a JS expression over `rt`). */
  private constant(init: string, hint: string): string {
    let js = this.constants.get(init);
    if (!js) this.constants.set(init, (js = `C${this.constants.size}_${hint}`));
    return js;
  }

  private sym(name: string): string {
    return this.constant(`rt.sym(${JSON.stringify(name)})`, name);
  }

  /** A number literal: ints and fractional floats as JS literals (BigInt past 2^53), whole floats as a shared box. */
  private num(e: NumLiteral): string {
    const v = e.value;
    if (typeof v === "bigint") {
      if (v > BigInt.asIntN(64, v)) this.error(e, `${v} is out of the int range (64 bits: -9223372036854775808 to 9223372036854775807)`);
      return v < 0n ? `(${v}n)` : `${v}n`;
    }
    const js = v < 0 || Object.is(v, -0) ? `(${Object.is(v, -0) ? "-0" : v})` : String(v);
    return isRawNumber(e) ? js : this.constant(`new rt.Float(${js})`, "float");
  }

  private valueOf(r: Resolved, name: string, at: Pos): string {
    const problem = (message: string): string => (this.nameError(at, message), faultCode(message));
    switch (r.kind) {
      case "var": return r.js;
      case "module": return r.binding.js;
      case "phase": return problem(`phase ${name} is not a value: call it as ${name}(...)`);
      case "builtin": return problem(`builtin ${name} is not a value: call it as ${name}(...)`);
      case "sector": return problem(`sector ${name} is not a value: use ${name}.<variable> or ${name}.<phase>(...)`);
      case "unknown": return problem(`${name} is not declared: no variable, phase, module or builtin has that name${this.suggest(name)}`);
    }
  }

  /** " (did you mean score?)" when a declared name is one or two edits away from `name`. */
  protected suggest(name: string): string {
    const known = [
      ...this.scopes.flatMap((scope) => [...scope.keys()]),
      ...this.unit.sector.globals.keys(),
      ...this.unit.sector.phases.keys(),
      ...this.unit.modules.keys(),
      ...BUILTINS.keys(),
    ];
    const limit = name.length <= 3 ? 1 : 2;
    const close = known.find((k) => k !== name && editDistance(k, name) <= limit && editDistance(k, name) < Math.min(k.length, name.length));
    return close === undefined ? "" : ` (did you mean ${close}?)`;
  }

  private member(e: Extract<Expr, { kind: "member" }>): string {
    const inSector = this.sectorMember(e);
    if (inSector) return this.valueOf(inSector, `${describeCallee(e.object)}.${e.name}`, e);
    if (GUARDED_FIELDS.has(e.name)) return `ownField(${this.expr(e.object)}, "${e.name}")`;
    const object = this.expr(e.object);
    if (this.knownObjects.has(object)) return `${object}.${e.name}`;
    const t = this.temp();
    return `(typeof (${t} = ${object}) === "object" && ${t} !== null ? ${t}.${e.name} : field(${t}, "${e.name}"))`;
  }

  private call(e: Extract<Expr, { kind: "call" }>): string {
    const c = e.callee;
    const direct = c.kind === "name" ? this.resolve(c.name) : c.kind === "member" ? this.sectorMember(c) : undefined;
    if (direct?.kind === "phase" || direct?.kind === "builtin") return this.directCall(direct, e);
    if (direct?.kind === "unknown" || direct?.kind === "sector") return this.valueOf(direct, describeCallee(c), c);
    const f = this.temp();
    const what = JSON.stringify(describeCallee(c));
    if (c.kind !== "member" || direct) {
      return `(typeof (${f} = ${this.expr(c)}) === "function" ? ${f}(${this.hostArgs(e.args, false).join(", ")}) : notCallable(${f}, ${what}))`;
    }
    const base = c.object.kind === "name" ? this.resolve(c.object.name) : undefined;
    const spec = base?.kind === "module" ? base.binding.spec : undefined;
    if (spec) this.checkModuleCall(spec, c.object.kind === "name" ? c.object.name : "", c.name, e);
    const native = spec !== undefined;
    const o = this.temp();
    const read = GUARDED_FIELDS.has(c.name)
      ? `ownField(${o}, "${c.name}")`
      : base?.kind === "module"
        ? `${o}.${c.name}`
        : `(typeof ${o} === "object" && ${o} !== null ? ${o}.${c.name} : field(${o}, "${c.name}"))`;
    const args = this.hostArgs(e.args, native);
    // `o.name(...)` rather than `f.call(o, ...)`: V8 inlines the method far better; the second load is elided.
    const invoke = GUARDED_FIELDS.has(c.name) ? `${f}.call(${[o, ...args].join(", ")})` : `${o}.${c.name}(${args.join(", ")})`;
    return `(${o} = ${this.expr(c.object)}, typeof (${f} = ${read}) === "function" ? ${invoke} : notCallable(${f}, ${what}))`;
  }

  /** Reports a call of a standard module function that does not exist or gets the wrong number of arguments. */
  private checkModuleCall(spec: ModuleSpec, module: string, name: string, e: Extract<Expr, { kind: "call" }>): void {
    const fn = Object.hasOwn(spec.functions, name) ? spec.functions[name] : undefined;
    if (fn === undefined) {
      const known = Object.keys(spec.functions).sort().join(", ");
      this.error(e.callee, `module ${module} has no function ${name} (it has ${known})`);
    } else if (e.args.length < fn.min || e.args.length > fn.max) {
      this.error(e, `${module}.${name} takes ${arityText(fn)}, got ${e.args.length}`);
    }
  }

  /** Calls a phase or builtin directly, after checking the argument count at compile time. */
  private directCall(r: Extract<Resolved, { kind: "phase" | "builtin" }>, e: Extract<Expr, { kind: "call" }>): string {
    const name = describeCallee(e.callee);
    const args = e.args.map((a) => this.expr(a)).join(", ");
    if (r.kind === "phase") {
      if (e.args.length !== r.decl.params) {
        this.error(e, `phase ${name} takes ${r.decl.params} argument${r.decl.params === 1 ? "" : "s"}, got ${e.args.length}`);
      }
      return `${r.decl.js}(${args})`;
    }
    const b = BUILTINS.get(name)!;
    if (e.args.length < b.min || e.args.length > b.max) this.error(e, `${name} takes ${arityText(b)}, got ${e.args.length}`);
    return `B_${name}(${args})`;
  }

  /** Arguments for a host function: symbols (also inside lists and records) become ":name" text, float boxes numbers. */
  private hostArgs(args: Expr[], native: boolean): string[] {
    return args.map((a) => {
      if (native || isPrimitive(a) || this.isHostField(a)) return this.expr(a);
      const t = this.temp();
      return `(typeof (${t} = ${this.expr(a)}) === "object" && ${t} !== null ? h(${t}) : ${t})`;
    });
  }

  /** True for `v.f` where `v` is a host-bound local. */
  private isHostField(e: Expr): boolean {
    if (e.kind !== "member" || e.object.kind !== "name" || GUARDED_FIELDS.has(e.name)) return false;
    const r = this.resolve(e.object.name);
    return r.kind === "var" && this.hostBound.has(r.js);
  }

  private unary(e: Extract<Expr, { kind: "unary" }>): string {
    if (e.op === "not") return `!${this.cond(e.operand)}`;
    const t = this.temp();
    return `(typeof (${t} = ${this.expr(e.operand)}) === "number" && ${t} !== 0 ? -${t} : neg(${t}))`;
  }

  private binary(e: Extract<Expr, { kind: "binary" }>): string {
    if (e.op === "==" || e.op === "!=") return this.equality(e.op, e.left, e.right);
    if (e.op === "%") return `mod(${this.expr(e.left)}, ${this.expr(e.right)})`;
    const [a, b] = [this.operand(e.left), this.operand(e.right)];
    const helper = ARITH_HELPER[e.op];
    const slow = helper ? `${helper}(${a.js}, ${b.js})` : e.op === "/" ? `div(${a.js}, ${b.js})` : `compare("${e.op}", ${a.js}, ${b.js})`;
    const assigns = [a.assign, b.assign].filter((x) => x !== "");
    if (a.raw === false || b.raw === false) return `(${[...assigns, slow].join(", ")})`;
    const checks = [a, b].filter((x) => x.raw === undefined).map((x) => `typeof ${x.js} === "number"`);
    const fast = this.fastPath(e.op, a, b);
    const test = [...checks, ...fast.test].join(" && ") || "true";
    return `(${[...assigns, `${test} ? ${fast.value} : ${slow}`].join(", ")})`;
  }

  /**
   * The inline path for two raw numbers. `+ - *` stay inline while the result keeps the operands'
   * kind: two safe ints giving a safe int, or a float operand giving a float that is not whole.
   * Overflow past 2^53, a whole float result, BigInts, boxes and text go to the runtime helper.
   * `/` stays inline when its result is not whole; comparisons always do.
   */
  private fastPath(op: string, a: Operand, b: Operand): { test: string[]; value: string } {
    if (!(op in ARITH_HELPER) && op !== "/") return { test: [], value: `${a.js} ${op} ${b.js}` };
    const r = this.temp();
    if (op === "/") return { test: [`${b.js} !== 0`, `!Number.isSafeInteger(${r} = ${a.js} / ${b.js})`], value: r };
    const ints = [a, b].filter((x) => x.raw === undefined).map((x) => `Number.isSafeInteger(${x.js})`);
    const bothInts = [a, b].some((x) => x.raw === "float") ? "false" : ints.length === 0 ? "true" : ints.length === 1 ? ints[0] : `(${ints.join(" && ")})`;
    return { test: [`Number.isSafeInteger(${r} = ${a.js} ${op} ${b.js}) === ${bothInts}`], value: r };
  }

  /** An arithmetic operand: a raw number literal is used as it is ("int" or "float"), a whole-float literal is `false` (always the helper), anything else goes through a checked temporary. */
  private operand(e: Expr): Operand {
    if (e.kind === "num") return { js: this.expr(e), assign: "", raw: isRawNumber(e) ? (e.float ? "float" : "int") : false };
    const t = this.temp();
    return { js: t, assign: `${t} = ${this.expr(e)}`, raw: undefined };
  }

  private equality(op: "==" | "!=", l: Expr, r: Expr): string {
    const neg = op === "!=";
    if (l.kind === "void" || r.kind === "void") {
      const other = l.kind === "void" ? r : l;
      return other.kind === "void" ? String(!neg) : `(${this.expr(other)} ${neg ? "!=" : "=="} null)`;
    }
    if (l.kind === "num" || r.kind === "num") {
      const [lit, other] = l.kind === "num" ? [l, r] : [r as NumLiteral, l];
      const t = this.temp();
      return `${neg ? "!" : ""}(${t} = ${this.expr(other)}, ${this.numberTest(t, lit)})`;
    }
    if (LITERAL.has(l.kind) || LITERAL.has(r.kind)) return `(${this.expr(l)} ${neg ? "!==" : "==="} ${this.expr(r)})`;
    return `${neg ? "!" : ""}eq(${this.expr(l)}, ${this.expr(r)})`;
  }

  /** Tests the value in `t` against a number literal by value (`1 == 1.0`), with `===` first. */
  protected numberTest(t: string, lit: NumLiteral): string {
    const v = lit.value;
    const js = typeof v === "bigint" ? this.num(lit) : Object.is(v, -0) ? "0" : v < 0 ? `(${v})` : String(v);
    return `(${t} === ${js} || typeof ${t} !== "number" && eq(${t}, ${js}))`;
  }

  private logic(e: Extract<Expr, { kind: "logic" }>): string {
    if (isBool(e.left) && isBool(e.right)) return `(${this.expr(e.left)} ${e.op === "and" ? "&&" : "||"} ${this.expr(e.right)})`;
    const t = this.temp();
    const falsy = `(${t} = ${this.expr(e.left)}) === false || ${t} == null`;
    const right = this.expr(e.right);
    return e.op === "and" ? `(${falsy} ? ${t} : ${right})` : `(${falsy} ? ${right} : ${t})`;
  }
}

/** An operand of an arithmetic operator as compiled. */
interface Operand {
  js: string;
  assign: string;
  /** "int" / "float" for a raw number literal, false for a whole-float literal (a box), undefined for a checked temporary. */
  raw: "int" | "float" | false | undefined;
}
