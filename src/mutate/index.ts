// Public API of the mutate stage: source files in, gremlins out (with the registry's operators,
// filtered by the config's include/exclude lists).
import type { Operator } from "./operator.ts";
import { OPERATORS, OPERATOR_NAMES } from "./operators/index.ts";
import { generateWithOperators, type GenerateResult } from "./generate.ts";
import { selectOperators, type OperatorSelection } from "./select-operators.ts";

export type { GenerateResult, FileResult, MutateOptions } from "./generate.ts";
export type { DisableProblem } from "./disable.ts";
export type { Operator, OperatorContext } from "./operator.ts";
export type { OperatorSelection } from "./select-operators.ts";
export { mutateFile, generateWithOperators } from "./generate.ts";
export { gremlinId } from "./ids.ts";
export { OPERATORS, OPERATOR_NAMES };

export interface GenerateOptions {
  operators?: { include?: string[]; exclude?: string[] };
  /** Skip `console.*(...)` calls (default true). */
  skipConsole?: boolean;
}

/** The registry's operators selected by `cfg`; throws ConfigError naming an unknown operator and the nearest valid one. */
export function resolveOperators(cfg?: OperatorSelection): Operator[] {
  return selectOperators(cfg, OPERATORS);
}

/**
 * Gremlins for every input file. Files are processed in sorted path order and gremlins numbered
 * 1..N in that order (by position within a file). Disabled gremlins are included with
 * `ignoredReason`; files that fail to parse land in `failures` and the run goes on.
 */
export function generateGremlins(
  inputs: { file: string; source: string }[],
  options: GenerateOptions = {},
): GenerateResult {
  return generateWithOperators(inputs, resolveOperators(options.operators), {
    skipConsole: options.skipConsole,
    knownOperators: OPERATOR_NAMES,
  });
}
