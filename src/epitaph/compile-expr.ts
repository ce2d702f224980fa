/**
 * Code generation for Epitaph expressions: each expression becomes one
 * JavaScript expression string. Names are resolved here, at compile time
 * (locals, then the sector's variables and phases, then the file's modules,
 * then visible sectors, then builtins); a name that resolves to nothing
 * compiles to code that raises "unknown variable" when it runs. Fast paths
 * are inlined (number arithmetic, `===` against literals, field reads on
 * objects, direct calls of phases) and slow paths call `runtime.ts`.
 * Temporaries (`t0`, `t1`, ...) are function-level locals.
 */
import type { Expr } from "./ast.js";
import { BUILTINS } from "./builtins.js";
import type { EpitaphDiagnostic } from "./errors.js";
import type { Declared, ModuleBinding, PhaseDecl, SectorInfo, Unit } from "./layout.js";
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

/** True when `e` always yields a JS boolean. */
function isBool(e: Expr): boolean {
  if (e.kind === "bool") return true;
  if (e.kind === "binary") return COMPARE.has(e.op);
  if (e.kind === "unary") return e.op === "not";
  return e.kind === "logic" && isBool(e.left) && isBool(e.right);
}

/** True when `e` never yields an object, so a host needs no conversion of it. */
function isPrimitive(e: Expr): boolean {
  return LITERAL.has(e.kind) ? e.kind !== "sym" : e.kind === "void" || e.kind === "binary" || e.kind === "unary";
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
  protected temps: string[] = [];

  constructor(
    protected readonly unit: Unit,
    private readonly syms: Map<string, string>,
    protected readonly diags: EpitaphDiagnostic[],
  ) {}

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
      case "num": return e.value < 0 || Object.is(e.value, -0) ? `(${e.value})` : String(e.value);
      case "text": return JSON.stringify(e.value);
      case "sym": return this.sym(e.name);
      case "bool": return String(e.value);
      case "void": return "undefined";
      case "name": return this.valueOf(this.resolve(e.name), e.name);
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

  private sym(name: string): string {
    let js = this.syms.get(name);
    if (!js) this.syms.set(name, (js = `S${this.syms.size}_${name}`));
    return js;
  }

  private valueOf(r: Resolved, name: string): string {
    switch (r.kind) {
      case "var": return r.js;
      case "module": return r.binding.js;
      case "phase": return faultCode(`phase ${name} is not a value: call it as ${name}(...)`);
      case "builtin": return faultCode(`builtin ${name} is not a value: call it as ${name}(...)`);
      case "sector": return faultCode(`sector ${name} is not a value: use ${name}.<variable> or ${name}.<phase>(...)`);
      case "unknown": return faultCode(`unknown variable ${name}`);
    }
  }

  private member(e: Extract<Expr, { kind: "member" }>): string {
    const inSector = this.sectorMember(e);
    if (inSector) return this.valueOf(inSector, `${describeCallee(e.object)}.${e.name}`);
    if (GUARDED_FIELDS.has(e.name)) return `ownField(${this.expr(e.object)}, "${e.name}")`;
    const t = this.temp();
    return `(typeof (${t} = ${this.expr(e.object)}) === "object" && ${t} !== null ? ${t}.${e.name} : field(${t}, "${e.name}"))`;
  }

  private call(e: Extract<Expr, { kind: "call" }>): string {
    const c = e.callee;
    const direct = c.kind === "name" ? this.resolve(c.name) : c.kind === "member" ? this.sectorMember(c) : undefined;
    if (direct?.kind === "phase" || direct?.kind === "builtin") return this.directCall(direct, e);
    if (direct?.kind === "unknown" || direct?.kind === "sector") return this.valueOf(direct, describeCallee(c));
    const f = this.temp();
    const what = JSON.stringify(describeCallee(c));
    if (c.kind !== "member" || direct) {
      return `(typeof (${f} = ${this.expr(c)}) === "function" ? ${f}(${this.hostArgs(e.args, false).join(", ")}) : notCallable(${f}, ${what}))`;
    }
    const base = c.object.kind === "name" ? this.resolve(c.object.name) : undefined;
    const native = base?.kind === "module" && base.binding.native;
    const o = this.temp();
    const read = GUARDED_FIELDS.has(c.name)
      ? `ownField(${o}, "${c.name}")`
      : base?.kind === "module"
        ? `${o}.${c.name}`
        : `(typeof ${o} === "object" && ${o} !== null ? ${o}.${c.name} : field(${o}, "${c.name}"))`;
    return `(${o} = ${this.expr(c.object)}, typeof (${f} = ${read}) === "function" ? ${f}.call(${[o, ...this.hostArgs(e.args, native)].join(", ")}) : notCallable(${f}, ${what}))`;
  }

  /** Calls a phase or builtin directly, after checking the argument count at compile time. */
  private directCall(r: Extract<Resolved, { kind: "phase" | "builtin" }>, e: Extract<Expr, { kind: "call" }>): string {
    const name = describeCallee(e.callee);
    const args = e.args.map((a) => this.expr(a)).join(", ");
    if (r.kind === "phase") {
      if (e.args.length !== r.decl.params) {
        return faultCode(`phase ${name} takes ${r.decl.params} argument${r.decl.params === 1 ? "" : "s"}, got ${e.args.length}`);
      }
      return `${r.decl.js}(${args})`;
    }
    const b = BUILTINS.get(name)!;
    if (e.args.length < b.min || e.args.length > b.max) {
      const want = b.max === Infinity ? `at least ${b.min}` : b.min === b.max ? `${b.min}` : `${b.min} to ${b.max}`;
      return faultCode(`${name} takes ${want} argument${want === "1" ? "" : "s"}, got ${e.args.length}`);
    }
    return `B_${name}(${args})`;
  }

  /** Arguments for a host function: symbols (also inside lists and records) become ":name" text. */
  private hostArgs(args: Expr[], native: boolean): string[] {
    return args.map((a) => (native || isPrimitive(a) ? this.expr(a) : `h(${this.expr(a)})`));
  }

  private unary(e: Extract<Expr, { kind: "unary" }>): string {
    if (e.op === "not") return `!${this.cond(e.operand)}`;
    const t = this.temp();
    return `(typeof (${t} = ${this.expr(e.operand)}) === "number" ? -${t} : badNeg(${t}))`;
  }

  private binary(e: Extract<Expr, { kind: "binary" }>): string {
    if (e.op === "==" || e.op === "!=") return this.equality(e.op, e.left, e.right);
    if (e.op === "%") return `mod(${this.expr(e.left)}, ${this.expr(e.right)})`;
    const [a, b] = [this.operand(e.left), this.operand(e.right)];
    const checks = [a, b].filter((x) => x.check).map((x) => `typeof ${x.js} === "number"`);
    const assigns = [a, b].map((x) => x.assign).filter((x) => x !== "");
    const head = `(${[...assigns, checks.join(" && ") || "true"].join(", ")}`;
    const op = e.op;
    switch (op) {
      case "+": return `${head} ? ${a.js} + ${b.js} : addSlow(${a.js}, ${b.js}))`;
      case "/": return `${head} && ${b.js} !== 0 ? ${a.js} / ${b.js} : badArith("/", ${a.js}, ${b.js}))`;
      case "-":
      case "*": return `${head} ? ${a.js} ${op} ${b.js} : badArith("${op}", ${a.js}, ${b.js}))`;
      default: return `${head} ? ${a.js} ${op} ${b.js} : compare("${op}", ${a.js}, ${b.js}))`;
    }
  }

  /** An arithmetic operand: number literals are used as they are, anything else goes through a checked temporary. */
  private operand(e: Expr): { js: string; assign: string; check: boolean } {
    if (e.kind === "num") return { js: this.expr(e), assign: "", check: false };
    const t = this.temp();
    return { js: t, assign: `${t} = ${this.expr(e)}`, check: true };
  }

  private equality(op: "==" | "!=", l: Expr, r: Expr): string {
    const neg = op === "!=";
    if (l.kind === "void" || r.kind === "void") {
      const other = l.kind === "void" ? r : l;
      return other.kind === "void" ? String(!neg) : `(${this.expr(other)} ${neg ? "!=" : "=="} null)`;
    }
    if (LITERAL.has(l.kind) || LITERAL.has(r.kind)) return `(${this.expr(l)} ${neg ? "!==" : "==="} ${this.expr(r)})`;
    return `${neg ? "!" : ""}eq(${this.expr(l)}, ${this.expr(r)})`;
  }

  private logic(e: Extract<Expr, { kind: "logic" }>): string {
    if (isBool(e.left) && isBool(e.right)) return `(${this.expr(e.left)} ${e.op === "and" ? "&&" : "||"} ${this.expr(e.right)})`;
    const t = this.temp();
    const falsy = `(${t} = ${this.expr(e.left)}) === false || ${t} == null`;
    const right = this.expr(e.right);
    return e.op === "and" ? `(${falsy} ? ${t} : ${right})` : `(${falsy} ? ${right} : ${t})`;
  }
}
