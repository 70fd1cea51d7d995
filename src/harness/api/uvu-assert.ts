// `uvu/assert`: ok, is, equal, type, instance, match, snapshot, fixture, throws, unreachable and
// their `not` forms, throwing `Assertion` errors like uvu's.

import { isDeepStrictEqual } from "node:util";

export class Assertion extends Error {
  override name = "Assertion";
  code = "ERR_ASSERTION";
  details: unknown;
  generated: boolean;
  operator: string;
  expects: unknown;
  actual: unknown;
  constructor(opts: {
    message?: string;
    details?: unknown;
    generated?: boolean;
    operator: string;
    expects: unknown;
    actual: unknown;
  }) {
    super(opts.message);
    this.details = opts.details;
    this.generated = !!opts.generated;
    this.operator = opts.operator;
    this.expects = opts.expects;
    this.actual = opts.actual;
  }
}

type Msg = string | Error | undefined;

function check(ok: boolean, actual: unknown, expects: unknown, operator: string, fallback: string, msg: Msg): void {
  if (ok) return;
  if (msg instanceof Error) throw msg;
  throw new Assertion({ message: msg ?? fallback, generated: !msg, operator, expects, actual });
}

const dedent = (s: string) => s.replace(/\r\n/g, "\n");

function threw(fn: () => unknown): { threw: boolean; error?: unknown } {
  try {
    fn();
    return { threw: false };
  } catch (error) {
    return { threw: true, error };
  }
}

function matchesExpectation(error: unknown, exp: unknown): boolean {
  if (typeof exp === "function") return Boolean((exp as (e: unknown) => unknown)(error));
  if (exp instanceof RegExp) return exp.test(String((error as Error)?.message ?? error));
  return true;
}

export function createUvuAssert(): Record<string, unknown> {
  const ok = (val: unknown, msg?: Msg) => check(!!val, val, true, "ok", "Expected value to be truthy", msg);
  const is = (val: unknown, exp: unknown, msg?: Msg) =>
    check(Object.is(val, exp), val, exp, "is", "Expected values to be strictly equal:", msg);
  const equal = (val: unknown, exp: unknown, msg?: Msg) =>
    check(isDeepStrictEqual(val, exp), val, exp, "equal", "Expected values to be deeply equal:", msg);
  const type = (val: unknown, exp: string, msg?: Msg) =>
    check(typeof val === exp, typeof val, exp, "type", `Expected "${typeof val}" to be "${exp}"`, msg);
  const instance = (val: unknown, exp: new (...a: never[]) => unknown, msg?: Msg) =>
    check(val instanceof exp, val, exp, "instance", `Expected value to be an instance of "${exp.name}"`, msg);
  const match = (val: string, exp: string | RegExp, msg?: Msg) =>
    check(
      typeof exp === "string" ? val.includes(exp) : exp.test(val),
      val,
      exp,
      "match",
      `Expected value to match ${String(exp)}`,
      msg,
    );
  const snapshot = (val: string, exp: string, msg?: Msg) =>
    check(dedent(val) === dedent(exp), val, exp, "snapshot", "Expected value to match snapshot:", msg);
  const fixture = (val: string, exp: string, msg?: Msg) =>
    check(dedent(val) === dedent(exp), val, exp, "fixture", "Expected value to match fixture:", msg);
  const throws = (fn: () => unknown, exp?: unknown, msg?: Msg) => {
    if (typeof exp === "string") [msg, exp] = [exp, undefined];
    const r = threw(fn);
    check(r.threw, false, true, "throws", "Expected function to throw", msg);
    check(
      matchesExpectation(r.error, exp),
      r.error,
      exp,
      "throws",
      "Expected function to throw matching exception",
      msg,
    );
  };
  const unreachable = (msg?: Msg) => check(false, true, false, "unreachable", "Expected not to be reached!", msg);

  const not = Object.assign(
    (val: unknown, msg?: Msg) => check(!val, val, false, "not", "Expected value to be falsey", msg),
    {
      ok: (val: unknown, msg?: Msg) => check(!val, val, false, "not", "Expected value to be falsey", msg),
      equal: (val: unknown, exp: unknown, msg?: Msg) =>
        check(!isDeepStrictEqual(val, exp), val, exp, "not.equal", "Expected values not to be deeply equal", msg),
      type: (val: unknown, exp: string, msg?: Msg) =>
        check(typeof val !== exp, typeof val, exp, "not.type", `Expected "${typeof val}" not to be "${exp}"`, msg),
      instance: (val: unknown, exp: new (...a: never[]) => unknown, msg?: Msg) =>
        check(
          !(val instanceof exp),
          val,
          exp,
          "not.instance",
          `Expected value not to be an instance of "${exp.name}"`,
          msg,
        ),
      match: (val: string, exp: string | RegExp, msg?: Msg) =>
        check(
          !(typeof exp === "string" ? val.includes(exp) : exp.test(val)),
          val,
          exp,
          "not.match",
          `Expected value not to match ${String(exp)}`,
          msg,
        ),
      snapshot: (val: string, exp: string, msg?: Msg) =>
        check(dedent(val) !== dedent(exp), val, exp, "not.snapshot", "Expected value not to match snapshot", msg),
      fixture: (val: string, exp: string, msg?: Msg) =>
        check(dedent(val) !== dedent(exp), val, exp, "not.fixture", "Expected value not to match fixture", msg),
      throws: (fn: () => unknown, exp?: unknown, msg?: Msg) => {
        if (typeof exp === "string") [msg, exp] = [exp, undefined];
        const r = threw(fn);
        const bad = r.threw && (exp === undefined || matchesExpectation(r.error, exp));
        check(!bad, true, false, "not.throws", "Expected function not to throw", msg);
      },
    },
  );
  const isNot = (val: unknown, exp: unknown, msg?: Msg) =>
    check(!Object.is(val, exp), val, exp, "is.not", "Expected values not to be strictly equal", msg);
  return {
    Assertion,
    ok,
    is: Object.assign(is, { not: isNot }),
    equal,
    type,
    instance,
    match,
    snapshot,
    fixture,
    throws,
    unreachable,
    not,
  };
}
