/**
 * The standard module `fmt` (tickwire's names): `format(template, ...)`
 * puts each value, printed as `log` prints it, in place of one `{}` of the
 * template, in order (`{{` and `}}` stand for literal braces; the number of
 * values must match the placeholders); `fixed(x, digits)` prints a number
 * with that many digits after the point.
 */
import { fault } from "../errors.js";
import { formatValue } from "../values.js";
import { floatArg, native, smallIntArg, textArg } from "./args.js";

function format(template: unknown, ...values: unknown[]): string {
  const parts = textArg("format", template).split(/(\{\{|\}\}|\{\})/);
  const holes = parts.filter((p) => p === "{}").length;
  if (holes !== values.length) {
    return fault(`format: the template has ${holes} placeholder${holes === 1 ? "" : "s"}, got ${values.length} value${values.length === 1 ? "" : "s"}`);
  }
  let next = 0;
  return parts.map((p) => (p === "{}" ? formatValue(values[next++]) : p === "{{" ? "{" : p === "}}" ? "}" : p)).join("");
}

function fixed(x: unknown, digits: unknown): string {
  const d = smallIntArg("fixed", digits);
  if (d < 0 || d > 100) return fault(`fixed: digits must be from 0 to 100, got ${d}`);
  return floatArg("fixed", x).toFixed(d);
}

/** The functions of `fmt`, by name. */
export const FMT_FUNCTIONS = {
  format: native(1, format, Infinity),
  fixed: native(2, fixed),
};
