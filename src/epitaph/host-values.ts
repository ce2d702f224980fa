/**
 * Which values compiled code may hand to a host function without the
 * conversion every other argument gets (symbols to text, float boxes to
 * numbers). A `sustain v = mod.f()` binding over a host module holds what the
 * host returned, a host value; when the body only ever reads fields of `v`
 * (never assigns it, passes it on, or writes into it), those fields are the
 * host's own values and go back to it as they are. This keeps the common
 * `net.tcp_send(evt.handle, evt.data)` as cheap as in hand-written code.
 */
import type { Block, Expr, Stmt } from "./ast.js";

/** True when `e` calls a function of a host module (`isHostModule` tells a module name from others). */
export function isHostCall(e: Expr, isHostModule: (name: string) => boolean): boolean {
  return e.kind === "call" && e.callee.kind === "member" && e.callee.object.kind === "name" && isHostModule(e.callee.object.name);
}

/** True when every use of `name` in `body` is a field read or method call on it (`name.f`, `name.f(...)`). */
export function onlyReadsFields(name: string, body: Block): boolean {
  return body.body.every((s) => stmtOk(name, s));
}

function stmtOk(name: string, s: Stmt): boolean {
  switch (s.kind) {
    case "let": return s.name !== name && exprOk(name, s.value);
    case "assign": return !writesInto(name, s.target) && exprOk(name, s.target) && exprOk(name, s.value);
    case "expr": return exprOk(name, s.expr);
    case "when": return s.branches.every((b) => exprOk(name, b.cond) && onlyReadsFields(name, b.body)) && (!s.otherwise || onlyReadsFields(name, s.otherwise));
    case "sustain": return s.bind !== name && exprOk(name, s.cond) && onlyReadsFields(name, s.body);
    case "inspect": return exprOk(name, s.subject) && s.arms.every((a) => onlyReadsFields(name, a.body));
    case "return": return s.value === undefined || exprOk(name, s.value);
    default: return true;
  }
}

/** True when an assignment target is `name`, or writes into it or one of its fields (`name.f = `, `name.f[i] = `). */
function writesInto(name: string, target: Expr): boolean {
  let base = target;
  while (base.kind === "member" || base.kind === "index") base = base.object;
  return base.kind === "name" && base.name === name;
}

function exprOk(name: string, e: Expr): boolean {
  switch (e.kind) {
    case "name": return e.name !== name;
    case "member": return (e.object.kind === "name" && e.object.name === name) || exprOk(name, e.object);
    case "index": return exprOk(name, e.object) && exprOk(name, e.index);
    case "call": return exprOk(name, e.callee) && e.args.every((a) => exprOk(name, a));
    case "unary": return exprOk(name, e.operand);
    case "binary":
    case "logic": return exprOk(name, e.left) && exprOk(name, e.right);
    case "list": return e.items.every((x) => exprOk(name, x));
    case "record": return e.entries.every((x) => exprOk(name, x.value));
    default: return true;
  }
}
