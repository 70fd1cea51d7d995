// Looks at a project before `gremlins init` writes its config: which runtime, which test runner, TypeScript or not.
import { existsSync, readFileSync } from "node:fs";
import { join } from "pathe";

export type Runtime = "bun" | "deno" | "node";

export interface ProjectFacts {
  runtime: Runtime;
  /** The test runner, e.g. "vitest" or "node --test"; null when none was recognised. */
  testRunner: string | null;
  /** Why the runner was chosen, e.g. `package.json scripts.test` or `devDependencies`. */
  testRunnerSource: string | null;
  typescript: boolean;
}

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Runners by what gives them away in a test script, checked in order (first match wins). */
const SCRIPT_PATTERNS: [string, RegExp][] = [
  ["vitest", /\bvitest\b/],
  ["jest", /\bjest\b/],
  ["mocha", /\bmocha\b/],
  ["uvu", /\buvu\b/],
  ["tape", /\btape\b/],
  ["ava", /\bava\b/],
  ["node --test", /\bnode\b[^&|;]*\s--test\b/],
  ["bun test", /\bbun\s+test\b/],
  ["deno test", /\bdeno\s+test\b/],
];

/** Runners recognised from a dependency name, in priority order. */
const DEPENDENCY_RUNNERS = ["vitest", "jest", "mocha", "uvu", "tape", "ava"];

function readPackageJson(root: string): PackageJson | null {
  const file = join(root, "package.json");
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  } catch {
    return null;
  }
}

export function detectRuntime(root: string, pkg: PackageJson | null): Runtime {
  if (["bun.lock", "bun.lockb", "bunfig.toml"].some((f) => existsSync(join(root, f)))) return "bun";
  if (pkg === null && ["deno.json", "deno.jsonc"].some((f) => existsSync(join(root, f)))) return "deno";
  return "node";
}

function detectRunner(pkg: PackageJson | null, runtime: Runtime): { runner: string | null; source: string | null } {
  const scripts = pkg?.scripts ?? {};
  for (const name of ["test", ...Object.keys(scripts).filter((s) => s !== "test" && /test/.test(s))]) {
    const script = scripts[name];
    if (typeof script !== "string") continue;
    for (const [runner, pattern] of SCRIPT_PATTERNS) {
      if (pattern.test(script)) return { runner, source: `package.json scripts.${name}` };
    }
  }
  const deps = { ...pkg?.dependencies, ...pkg?.devDependencies };
  for (const runner of DEPENDENCY_RUNNERS) {
    if (runner in deps) return { runner, source: "package.json dependencies" };
  }
  if (runtime === "bun") return { runner: "bun test", source: "Bun project" };
  if (runtime === "deno") return { runner: "deno test", source: "Deno project" };
  return { runner: null, source: null };
}

export function detectProject(root: string): ProjectFacts {
  const pkg = readPackageJson(root);
  const runtime = detectRuntime(root, pkg);
  const { runner, source } = detectRunner(pkg, runtime);
  const deps = { ...pkg?.dependencies, ...pkg?.devDependencies };
  const typescript =
    runtime === "deno" || existsSync(join(root, "tsconfig.json")) || "typescript" in deps || "@types/bun" in deps;
  return { runtime, testRunner: runner, testRunnerSource: source, typescript };
}
