// Picks the operators a run uses from a registry, by the config's `operators.include` / `exclude`
// lists; an unknown name is a ConfigError that names the nearest valid operator.
import { ConfigError } from "../errors.ts";
import { didYouMean } from "../util/nearest.ts";
import type { Operator } from "./operator.ts";

export interface OperatorSelection {
  /** Only these operators (all when absent or empty). */
  include?: readonly string[];
  /** Never these operators. */
  exclude?: readonly string[];
}

function checkNames(listName: string, names: readonly string[] | undefined, valid: readonly string[]): void {
  for (const name of names ?? []) {
    if (!valid.includes(name)) {
      throw new ConfigError(
        `${listName}: unknown operator \`${name}\`${didYouMean(name, valid)}. Valid: ${valid.join(", ")}`,
      );
    }
  }
}

/** The registry's operators filtered by `selection`, in registry order. Throws ConfigError on unknown names. */
export function selectOperators(selection: OperatorSelection | undefined, registry: readonly Operator[]): Operator[] {
  const valid = registry.map((op) => op.name);
  checkNames("operators.include", selection?.include, valid);
  checkNames("operators.exclude", selection?.exclude, valid);
  const include = selection?.include && selection.include.length > 0 ? new Set(selection.include) : null;
  const exclude = new Set(selection?.exclude ?? []);
  return registry.filter((op) => (include === null || include.has(op.name)) && !exclude.has(op.name));
}
