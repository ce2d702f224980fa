/**
 * esbuild's build errors as lines a person reads: "file:line:col: text", one
 * per problem. Shared by every place that bundles on Node.
 */
import type { Message } from "esbuild";

/** The errors of a failed esbuild build (any other thrown value as text); `namespace` is stripped from file names. */
export function describeBuildFailure(error: unknown, namespace?: string): string[] {
  const errors = (error as { errors?: Message[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return [String(error)];
  return errors.map((message) => {
    const at = message.location;
    if (at === null) return message.text;
    const file = namespace === undefined ? at.file : at.file.replace(`${namespace}:`, "");
    return `${file}:${at.line}:${at.column + 1}: ${message.text}`;
  });
}
