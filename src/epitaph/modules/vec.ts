/**
 * The standard module `vec` (tickwire's names): 2D vectors as records
 * `{ x: .., y: .. }`, made by `v2(x, y)`; any record with number fields `x`
 * and `y` works. `add`, `sub`, `scale(v, k)` and `dot` follow the number
 * rules (int vectors stay int); `length`, `dist` and `normalize` give
 * floats (`normalize` of the zero vector is the zero vector).
 */
import { fault } from "../errors.js";
import * as numbers from "../numbers.js";
import { typeName } from "../values.js";
import { floatArg, native, numberArg, recordArg } from "./args.js";

type Num = number | bigint | numbers.Float;
interface Vec2 {
  x: Num;
  y: Num;
}

function vecArg(fn: string, v: unknown): Vec2 {
  const r = recordArg(fn, v);
  if (!numbers.isNumber(r.x) || !numbers.isNumber(r.y)) {
    return fault(`${fn}: expected a vector { x, y } of numbers, got x ${typeName(r.x)} and y ${typeName(r.y)}`);
  }
  return r as unknown as Vec2;
}

const v2 = (x: Num, y: Num): Vec2 => ({ x, y });
const plus = (a: Num, b: Num): Num => numbers.add(a, b)!;
const minus = (a: Num, b: Num): Num => numbers.sub(a, b)!;
const times = (a: Num, b: Num): Num => numbers.mul(a, b)!;
const hypot = (v: Vec2): number => Math.hypot(numbers.toJs(v.x), numbers.toJs(v.y));

function pair(fn: string, combine: (a: Vec2, b: Vec2) => unknown) {
  return native(2, (a: unknown, b: unknown) => combine(vecArg(fn, a), vecArg(fn, b)));
}

function normalize(v: unknown): Vec2 {
  const p = vecArg("normalize", v);
  const n = hypot(p);
  const [x, y] = n === 0 ? [0, 0] : [numbers.toJs(p.x) / n, numbers.toJs(p.y) / n];
  return v2(numbers.float(x), numbers.float(y));
}

/** The functions of `vec`, by name. */
export const VEC_FUNCTIONS = {
  v2: native(2, (x: unknown, y: unknown) => v2(numberArg("v2", x), numberArg("v2", y))),
  add: pair("add", (a, b) => v2(plus(a.x, b.x), plus(a.y, b.y))),
  sub: pair("sub", (a, b) => v2(minus(a.x, b.x), minus(a.y, b.y))),
  scale: native(2, (v: unknown, k: unknown) => {
    const [p, f] = [vecArg("scale", v), numberArg("scale", k)];
    return v2(times(p.x, f), times(p.y, f));
  }),
  dot: pair("dot", (a, b) => plus(times(a.x, b.x), times(a.y, b.y))),
  length: native(1, (v: unknown) => numbers.float(hypot(vecArg("length", v)))),
  dist: pair("dist", (a, b) => numbers.float(Math.hypot(floatArg("dist", minus(a.x, b.x)), floatArg("dist", minus(a.y, b.y))))),
  normalize: native(1, normalize),
};
