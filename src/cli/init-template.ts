// The commented starter config `gremlins init` writes (gremlins.config.ts, or .mjs without TypeScript).
import type { ProjectFacts } from "../project/model.ts";

/** Test commands gremlins would run for a detected runner, shown as a hint in the starter config. */
const SUGGESTED_COMMANDS: Record<string, string> = {
  vitest: "npx vitest run",
  jest: "npx jest",
  mocha: "npx mocha",
  uvu: "npx uvu",
  tape: "npx tape 'test/**/*.js'",
  ava: "npx ava",
  "node --test": "node --test",
  "bun test": "bun test",
  "deno test": "deno test -A",
};

export function configFileName(facts: ProjectFacts): string {
  return facts.typescript ? "gremlins.config.ts" : "gremlins.config.mjs";
}

export function starterConfig(facts: ProjectFacts): string {
  const suggestion = facts.testRunner ? SUGGESTED_COMMANDS[facts.testRunner] : undefined;
  const testLine = suggestion
    ? `  // Detected ${facts.testRunner} (${facts.testRunnerSource}). gremlins finds the test command itself;\n  // set it only to override, e.g.:\n  // testCommand: ${JSON.stringify(suggestion)},`
    : `  // The command that runs your tests (default: the "test" script of package.json).\n  // testCommand: "npm test",`;
  return `${facts.typescript ? "" : "// @ts-check\n"}// gremlins configuration (run \`gremlins --help\` for the matching command-line flags).
// Every key is optional; the values shown commented out are the defaults.
// Command-line flags override this file (e.g. --workers 2).
import { defineConfig } from "gremlins";

export default defineConfig({
  // Files to mutate (globs relative to the project root; prefix "!" to exclude).
  // mutate: ["src/**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}", "lib/**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}", "!**/*.{test,spec}.*"],

${testLine}

  // Parallel workers: a number, "auto", or a share of the CPU cores such as "50%".
  // workers: "auto",

  // Time allowed per gremlin: baseline test time × timeoutFactor + timeoutMs.
  // timeoutMs: 5000,
  // timeoutFactor: 1.5,

  // Mutation score thresholds (0-100). Below \`break\` the run exits with code 1 (null: never).
  thresholds: { high: 80, low: 60, break: null },

  // Reporters: progress, clear-text, json, html, markdown. Files go to reportDir.
  // reporters: ["clear-text", "progress", "json"],
  // reportDir: "reports/gremlins",

  // Operators to use or skip (see \`gremlins list\` for what each one plants).
  // operators: { include: [], exclude: [] },

  // How gremlins are run: "auto", "thread" (fast, in-process) or "spawn" (your test command per gremlin).
  // executor: "auto",

  // After a thread run, re-check a sample of verdicts with your own test runner ("0" off, "100%" all).
  // verify: "default",
});
`;
}
