/**
 * Code generation for Epitaph statements, phases and a file's top level.
 * Each phase becomes one JavaScript function with a `L` variable that every
 * statement sets to its source line, and a try/catch that turns whatever is
 * thrown into an `EpitaphRuntimeError` at `file:L`. Blocks map to JS blocks,
 * locals get unique JS names (so shadowing works exactly), `sustain` becomes
 * `for (;;)` (its binding marked host-bound when `host-values.ts` allows),
 * and `inspect` an if-chain of `===` tests.
 */
import type { Arm, Block, Expr, Phase, Stmt } from "./ast.js";
import { ExprCompiler, faultCode } from "./compile-expr.js";
import { isHostCall, onlyReadsFields } from "./host-values.js";
import type { Names } from "./layout.js";

/** Statement compiler for one unit; produces the unit's functions. */
export class StmtCompiler extends ExprCompiler {
  private names!: Names;

  /** Compiles every phase of the unit and its top-level function, named `top`. */
  compileUnit(names: Names, top: string): string[] {
    this.names = names;
    const out: string[] = [];
    for (const p of this.unit.ast.phases) {
      const decl = this.unit.sector.phases.get(p.name);
      if (decl?.file === this.unit.file && decl.line === p.line) out.push(this.phase(p, decl.js));
    }
    out.push(this.topLevel(top));
    return out;
  }

  private phase(p: Phase, js: string): string {
    const params = new Map(p.params.map((name) => [name, this.names.fresh("a", name)]));
    if (params.size !== p.params.length) this.error(p, `phase ${p.name} has two parameters with the same name`);
    this.scopes = [params];
    return this.fn(js, [...params.values()], p.line, this.statements(p.body.body));
  }

  private topLevel(name: string): string {
    this.scopes = [];
    const accesses = [...this.unit.modules].map(([mod, b]) => `L = ${b.pos.line}; ${b.js} = env.access(${JSON.stringify(mod)});`);
    return this.fn(name, [], 1, [...accesses, ...this.unit.ast.statements.map((s) => this.stmt(s))].join("\n"));
  }

  /** Wraps a body in a function that locates errors; resets the temporaries. */
  private fn(name: string, params: string[], line: number, body: string): string {
    const temps = this.temps.length > 0 ? `, ${this.temps.join(", ")}` : "";
    this.temps = [];
    return `function ${name}(${params.join(", ")}) {\nlet L = ${line}${temps};\ntry {\n${body}\n} catch (e) { throw locate(e, F${this.unit.index}, L); }\n}`;
  }

  private statements(body: Stmt[]): string {
    return body.map((s) => this.stmt(s)).join("\n");
  }

  /** Compiles a block in a new scope, with optional names already bound in it. */
  private block(b: Block, bound?: Map<string, string>): string {
    this.scopes.push(bound ?? new Map());
    try {
      return this.statements(b.body);
    } finally {
      this.scopes.pop();
    }
  }

  private stmt(s: Stmt): string {
    return `L = ${s.line}; ${this.stmtBody(s)}`;
  }

  private stmtBody(s: Stmt): string {
    switch (s.kind) {
      case "let": return this.let(s);
      case "assign": return this.assign(s.target, this.expr(s.value));
      case "expr": return `${this.expr(s.expr)};`;
      case "when": return this.when(s);
      case "sustain": return this.sustain(s);
      case "inspect": return this.inspect(s);
      case "return": return s.value ? `return ${this.expr(s.value)};` : "return;";
      case "break": return "break;";
      case "continue": return "continue;";
    }
  }

  private let(s: Extract<Stmt, { kind: "let" }>): string {
    const value = this.expr(s.value);
    const scope = this.scopes[this.scopes.length - 1];
    if (!scope) {
      const global = this.unit.sector.globals.get(s.name);
      return global ? `${global.js} = ${value};` : `${value};`;
    }
    if (scope.has(s.name)) this.error(s, `"${s.name}" is already declared in this block`);
    const js = this.names.fresh("v", s.name);
    scope.set(s.name, js);
    return `let ${js} = ${value};`;
  }

  private assign(target: Expr, value: string): string {
    if (target.kind === "index") return `setIndex(${this.expr(target.object)}, ${this.expr(target.index)}, ${value});`;
    if (target.kind === "member") {
      const inSector = this.sectorMember(target);
      if (inSector) return inSector.kind === "var" ? `${inSector.js} = ${value};` : `${faultCode(`${target.name} is not a variable of that sector`)};`;
      const obj = target.object;
      if (obj.kind === "name" && this.resolve(obj.name).kind === "module") {
        return `${faultCode(`cannot assign to a field of module ${obj.name}`)};`;
      }
      return `setField(${this.expr(target.object)}, "${target.name}", ${value});`;
    }
    if (target.kind !== "name") return `${faultCode("cannot assign to this expression")};`;
    const r = this.resolve(target.name);
    if (r.kind === "var") return `${r.js} = ${value};`;
    const why = r.kind === "unknown" ? "undeclared variable" : r.kind === "builtin" ? "builtin" : r.kind;
    const hint = r.kind === "unknown" ? ` (declare it first with let ${target.name} = ...${this.suggest(target.name).replace(" (", "; ").replace(/\)$/, "")})` : "";
    const message = `cannot assign to ${why} ${target.name}${hint}`;
    this.nameError(target, message);
    return `${faultCode(message)};`;
  }

  private when(s: Extract<Stmt, { kind: "when" }>): string {
    const parts = s.branches.map((b, i) => {
      const cond = i === 0 ? this.cond(b.cond) : `(L = ${b.cond.line}, ${this.cond(b.cond)})`;
      return `if (${cond}) {\n${this.block(b.body)}\n}`;
    });
    const last = s.otherwise ? ` else {\n${this.block(s.otherwise)}\n}` : "";
    return parts.join(" else ") + last;
  }

  private sustain(s: Extract<Stmt, { kind: "sustain" }>): string {
    if (s.bind === undefined) return `while ((L = ${s.line}, ${this.cond(s.cond)})) {\n${this.block(s.body)}\n}`;
    const js = this.names.fresh("v", s.bind);
    const hostModule = (name: string): boolean => {
      const r = this.resolve(name);
      return r.kind === "module" && r.binding.spec === undefined;
    };
    const head = `L = ${s.line}; let ${js} = ${this.expr(s.cond)};\nif (${js} == null) break;`;
    const scope = (): Map<string, string> => new Map([[s.bind!, js]]);
    if (!isHostCall(s.cond, hostModule) || !onlyReadsFields(s.bind, s.body)) return `for (;;) {\n${head}\n${this.block(s.body, scope())}\n}`;
    // A host's value whose fields are only read: reads skip the type check when it is an object
    // (the usual case, an event), and the body compiled as usual serves any other value.
    this.hostBound.add(js);
    const general = this.block(s.body, scope());
    const reported = this.diags.length;
    this.knownObjects.add(js);
    const objects = this.block(s.body, scope());
    this.knownObjects.delete(js);
    this.diags.length = reported;
    return `for (;;) {\n${head}\nif (typeof ${js} === "object") {\n${objects}\n} else {\n${general}\n}\n}`;
  }

  private inspect(s: Extract<Stmt, { kind: "inspect" }>): string {
    const t = this.temp();
    const head = `${t} = ${this.expr(s.subject)};`;
    const tests: string[] = [];
    let fallback = "";
    for (const arm of s.arms) {
      if (fallback) {
        this.error(arm, "this inspect arm can never match: it comes after the default arm");
      } else if (arm.patterns.length === 0) {
        fallback = `{\n${this.block(arm.body)}\n}`;
      } else {
        tests.push(`if (${this.matches(t, arm)}) {\n${this.block(arm.body)}\n}`);
      }
    }
    const chain = tests.length === 0 ? fallback : tests.join(" else ") + (fallback ? ` else ${fallback}` : "");
    return `${head}\n${chain}`;
  }

  private matches(t: string, arm: Arm): string {
    return arm.patterns
      .map((p) => (p.kind === "void" ? `${t} == null` : p.kind === "num" ? this.numberTest(t, p) : `${t} === ${this.expr(p)}`))
      .join(" || ");
  }
}
