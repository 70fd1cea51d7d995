// Runtime detection: which runtime runs a project's tests, and the one-line error when it is missing.
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectRuntime, explainRuntime, shebangRuntime, type RuntimeName } from "../../../src/project/runtime.ts";
import { GremlinsError } from "../../../src/errors.ts";

const base = mkdtempSync(join(tmpdir(), "gremlins-runtime-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A directory of fake executables (bun, deno, node, vitest with a node #! line, mystery without one). */
function fakeBin(names: string[]): string {
  const dir = mkdtempSync(join(base, "bin-"));
  for (const name of names) {
    const body =
      name === "vitest" ? "#!/usr/bin/env node\n" : name === "dx" ? "#!/usr/bin/env -S deno run -A\n" : "#!/bin/sh\n";
    writeFileSync(join(dir, name), body);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(base, "p-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const all = fakeBin(["bun", "deno", "node", "vitest", "mystery", "dx"]);

describe("shebangRuntime", () => {
  test.each([
    ["#!/usr/bin/env node", "node"],
    ["#!/usr/bin/env -S deno run -A", "deno"],
    ["#!/opt/bun/bin/bun", "bun"],
    ["#!/bin/sh", null],
    ["console.log(1)", null],
  ])("%s → %s", (line, expected) => {
    expect(shebangRuntime(line)).toBe(expected as RuntimeName | null);
  });
});

describe("detectRuntime", () => {
  const cases: [string, Record<string, string>, string, RuntimeName, boolean][] = [
    ["bun test", { "package.json": "{}" }, all, "bun", true],
    ["deno test -A", { "deno.json": "{}" }, all, "deno", true],
    ["node --test", { "package.json": "{}" }, all, "node", true],
    ["CI=1 vitest run", { "package.json": "{}" }, all, "node", true],
    ["dx", {}, all, "deno", true],
    ["mystery", { "bunfig.toml": "" }, all, "bun", false],
    ["mystery", { "deno.jsonc": "{}" }, all, "deno", false],
    ["mystery", { "test/a.test.ts": 'import { test } from "bun:test";\n' }, all, "bun", false],
    ["mystery", { "package.json": "{}" }, all, "node", false],
  ];
  test.each(cases)("%s in %o → runtime", (command, files, path, runtime, certain) => {
    const choice = detectRuntime(project(files), { command, path }, "bun");
    expect({ runtime: choice.runtime, certain: choice.certain }).toEqual({ runtime, certain });
    expect(choice.executable).toBe(join(all, runtime));
    expect(choice.placement).toBe(runtime === "bun" ? "in-process" : "child");
    expect(explainRuntime(choice)).toContain(`Runtime: ${runtime} (`);
  });

  test("a runtime the test command needs but that is missing is a GremlinsError naming it", () => {
    const noDeno = fakeBin(["bun", "node"]);
    const run = () => detectRuntime(project({ "deno.json": "{}" }), { command: "deno test -A", path: noDeno }, "bun");
    expect(run).toThrow(GremlinsError);
    expect(run).toThrow(/tests run on deno .*deno was not found/);
  });

  test("a guessed runtime that is missing is explained, not fatal", () => {
    const choice = detectRuntime(
      project({ "package.json": "{}" }),
      { command: "mystery", path: fakeBin(["mystery"]) },
      "node",
    );
    expect(choice.executable).toBeNull();
    expect(explainRuntime(choice)).toContain("not found on PATH");
    expect(choice.placement).toBe("in-process");
  });
});
