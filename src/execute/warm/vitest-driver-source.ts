// The warm vitest process's script (CommonJS, run by the project's node in the worker's sandbox): one
// Vitest instance from vitest's own node API (`createVitest`, vitest 3 or later), which re-runs the chosen
// test files once per message. vitest starts a new worker for every file (isolation), so each run's
// modules are fresh; the gremlin reaches those workers through GREMLINS_ACTIVE_FILE (src/instrument/runtime.ts),
// rewritten before each run. Same protocol as driver-source.ts. Plain ES2017 text; keep it free of `${`.

import { ACTIVE_FILE_SOURCE, BAIL_SOURCE, CAPTURE_SOURCE, LOOP_SOURCE } from "./driver-parts.ts";

export const VITEST_DRIVER_SOURCE =
  String.raw`"use strict";
const path = require("path");
const fs = require("fs");
const url = require("url");
const config = JSON.parse(process.env.GREMLINS_WARM_CONFIG);
delete process.env.GREMLINS_WARM_CONFIG;
const root = config.root;
// As on vitest's command line: colour detection reads --color / --no-color from argv.
process.argv = [process.argv[0], config.bin, "run"].concat(config.args);
` +
  CAPTURE_SOURCE +
  ACTIVE_FILE_SOURCE +
  BAIL_SOURCE +
  String.raw`
let vitest = null;
// Absolute test file → its specifications (one per project that runs it).
const specs = new Map();

async function setUp() {
  const api = await import(url.pathToFileURL(config.bin).href);
  if (typeof api.createVitest !== "function") throw new Error("this vitest has no createVitest in vitest/node");
  const parsed = typeof api.parseCLI === "function" ? api.parseCLI(["vitest", "run"].concat(config.args)) : { options: {} };
  // As the fresh run's --bail=1 (added when the command sets no bail of its own): a file's tests stop at its first failure.
  const bail = parsed.options.bail === undefined && config.bail ? { bail: 1 } : {};
  vitest = await api.createVitest("test", Object.assign({}, parsed.options, bail, { watch: false, run: true }));
  if (typeof vitest.globTestSpecifications !== "function" || typeof vitest.runTestSpecifications !== "function")
    throw new Error("warm runs need vitest 3 or later (runTestSpecifications)");
  // Reporters and coverage set up as a CLI run does (standalone: vitest 4, init: vitest 3).
  if (typeof vitest.standalone === "function") await vitest.standalone();
  else if (typeof vitest.init === "function") await vitest.init();
  for (const project of vitest.projects) {
    const c = project.config;
    const pool = c.poolOptions && c.pool ? c.poolOptions[c.pool] : null;
    if (c.isolate === false || (pool && pool.isolate === false))
      throw new Error("vitest runs test files without isolation (isolate: false), so a worker would keep the last gremlin");
  }
  for (const spec of await vitest.globTestSpecifications()) {
    const list = specs.get(spec.moduleId) || [];
    list.push(spec);
    specs.set(spec.moduleId, list);
  }
}

// The run's result lists every module the instance has run so far: only the chosen ones count.
function counts(result, chosen) {
  const ids = new Set(chosen.map((spec) => spec.moduleId));
  let failed = result.unhandledErrors && result.unhandledErrors.length > 0;
  let tests = 0;
  for (const mod of result.testModules) {
    if (!ids.has(mod.moduleId)) continue;
    if (mod.state() === "failed" || (typeof mod.errors === "function" && mod.errors().length > 0)) failed = true;
    for (const test of mod.children.allTests()) {
      const outcome = test.result().state;
      if (outcome === "failed") failed = true;
      else if (outcome === "passed" || outcome === "skipped") tests++;
    }
  }
  return { failed: failed, tests: tests };
}

async function runOnce(message) {
  begin(message);
  let result;
  try {
    const chosen = [];
    for (const file of message.files) chosen.push.apply(chosen, specs.get(path.resolve(root, file)) || []);
    if (chosen.length === 0) throw new Error("no vitest project runs " + message.files.join(", "));
    if (typeof vitest.setGlobalTestNamePattern === "function") {
      if (message.pattern) vitest.setGlobalTestNamePattern(message.pattern);
      else vitest.resetGlobalTestNamePattern();
    }
    // In a warm instance vitest's own bail stops the failing file, not files already running beside it.
    result = await runBailing(chosen, message.bail ? 1 : 0, async (batch) =>
      counts(await vitest.runTestSpecifications(batch, false), batch),
    );
  } catch (error) {
    result = failure(error);
  }
  report(message, result);
}
` +
  LOOP_SOURCE;
