// `Deno.test` in the built-in harness: every call form (name + fn, definition object, name + options + fn,
// options + fn, a named fn alone), `ignore`, `Deno.test.ignore`, and `t.step` (nested, with definitions) as
// subtests. What the harness cannot be faithful to (`only`, `permissions`, steps not awaited) is refused.

import { isThenable } from "../model.ts";
import type { Registry } from "../registry.ts";
import type { SubtestHandle } from "../subtests.ts";

type TestFn = (t: DenoTestContext) => unknown;

/** Deno's TestDefinition / TestStepDefinition fields (the sanitizers are accepted and documented in deno.ts's notes). */
interface Definition {
  name?: unknown;
  fn?: unknown;
  ignore?: unknown;
  only?: unknown;
  permissions?: unknown;
  sanitizeOps?: unknown;
  sanitizeResources?: unknown;
  sanitizeExit?: unknown;
}

export interface DenoTestContext {
  name: string;
  origin: string;
  parent?: DenoTestContext;
  step(...args: unknown[]): Promise<boolean>;
}

/** Deno's own checks of a test's or step's arguments (its error texts). */
function readArgs(args: unknown[], what: "test" | "step"): { name: string; fn: TestFn; definition: Definition } {
  const [first, second, third] = args;
  let definition: Definition;
  let fn: unknown;
  let name: unknown;
  if (typeof first === "string") {
    if (typeof second === "function") {
      fn = second;
      definition = {};
    } else {
      if (typeof second !== "object" || second === null) throw new TypeError(`Missing ${what} function`);
      if (typeof third !== "function") throw new TypeError(`Missing ${what} function`);
      definition = second as Definition;
      if ("fn" in definition)
        throw new TypeError(
          `Unexpected 'fn' field in options, ${what} function is already provided as the third argument.`,
        );
      if ("name" in definition)
        throw new TypeError(
          `Unexpected 'name' field in options, ${what} name is already provided as the first argument.`,
        );
      fn = third;
    }
    name = first;
  } else if (typeof first === "function") {
    fn = first;
    definition = {};
    name = first.name;
    if (!name) throw new TypeError(`The ${what} function must have a name`);
  } else if (typeof first === "object" && first !== null) {
    definition = first as Definition;
    if (typeof second === "function") {
      if ("fn" in definition)
        throw new TypeError(
          `Unexpected 'fn' field in options, ${what} function is already provided as the second argument.`,
        );
      fn = second;
      name = definition.name ?? second.name;
    } else {
      fn = definition.fn;
      name = definition.name;
    }
    if (typeof fn !== "function") throw new TypeError(`Missing ${what} function`);
  } else {
    throw new TypeError(`Expected ${what} name, function or definition`);
  }
  // Deno refuses an empty test name; a step's may be empty (a template of an empty value).
  if (typeof name !== "string" || (name === "" && what === "test"))
    throw new TypeError(`The ${what} name can't be empty`);
  return { name, fn: fn as TestFn, definition };
}

/** A running test or step: its context, its steps' ordinals and the failures they reported. */
class Running {
  private steps = 0;
  private pending = 0;
  failed = false;
  readonly context: DenoTestContext;

  constructor(
    private readonly registry: Registry,
    name: string,
    origin: string,
    parent: DenoTestContext | undefined,
    private readonly key: string,
    private readonly path: readonly string[],
  ) {
    this.context = { name, origin, ...(parent ? { parent } : {}), step: (...args: unknown[]) => this.step(args) };
  }

  /** `t.step(...)`: resolves true when the step passed, false when it failed or was ignored (it never rejects). */
  private async step(args: unknown[]): Promise<boolean> {
    const { name, fn, definition } = readArgs(args, "step");
    const ordinal = this.steps++;
    if (definition.ignore) return false;
    const handle: SubtestHandle = this.registry.subtests.enter(this.key, ordinal, name, this.path);
    // Left out of a re-run (it does not reach the gremlin): it passes as it did in the baseline.
    if (!handle.run) return true;
    this.pending++;
    const child = new Running(this.registry, name, this.context.origin, this.context, handle.key, handle.path);
    let error: unknown;
    let failed = false;
    try {
      await child.execute(fn);
    } catch (e) {
      error = e;
      failed = true;
    } finally {
      this.pending--;
    }
    if (failed) this.failed = true;
    this.registry.subtests.exit(handle, failed ? { error } : {});
    return !failed;
  }

  /** Runs `fn(t)`; throws the test's own error, or Deno's "steps failed" when only its steps failed. */
  async execute(fn: TestFn): Promise<void> {
    const result = fn(this.context);
    if (isThenable(result)) await result;
    if (this.pending > 0) {
      // Deno fails a test whose steps outlive it; the harness does not emulate that report.
      this.registry.unsupported("a Deno.test step that is not awaited before its test ends");
    }
    if (this.failed) throw new Error(`${this.context.name}: a test step failed`);
  }
}

/** The `Deno.test` function bound to `registry` (with `.ignore` and `.only`). */
export function createDenoTest(
  registry: Registry,
  origin: () => string,
): ((...args: unknown[]) => void) & Record<"ignore" | "only", (...args: unknown[]) => void> {
  const register = (args: unknown[], extra: Definition): void => {
    const read = readArgs(args, "test");
    const definition = { ...read.definition, ...extra };
    if (definition.only)
      registry.unsupported(`Deno.test "${read.name}" with only (deno test runs it and then fails the whole run)`);
    if (definition.permissions !== undefined && definition.permissions !== "inherit") {
      registry.unsupported(
        `Deno.test "${read.name}" with permissions (the workers cannot change a test's permissions)`,
      );
    }
    const from = origin();
    registry.addTest({
      name: read.name,
      skipped: Boolean(definition.ignore),
      body: () => new Running(registry, read.name, from, undefined, registry.subtests.topKey, []).execute(read.fn),
    });
  };
  const test = (...args: unknown[]): void => register(args, {});
  return Object.assign(test, {
    ignore: (...args: unknown[]): void => register(args, { ignore: true }),
    only: (...args: unknown[]): void => register(args, { only: true }),
  });
}
