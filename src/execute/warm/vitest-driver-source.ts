// The warm vitest process's script (CommonJS, run by the project's node in the worker's sandbox): one
// Vitest instance from vitest's own node API (`createVitest`, vitest 3 or later), which re-runs the chosen
// test files once per message. vitest starts a new worker for every file (isolation), so each run's
// modules are fresh; the gremlin reaches those workers through GREMLINS_ACTIVE_FILE (src/instrument/runtime.ts),
// rewritten before each run. Same protocol as driver-source.ts. Plain ES2017 text; keep it free of `${`.

import { CAPTURE_SOURCE } from "./driver-source.ts";

export const VITEST_DRIVER_SOURCE =
  String.raw`"use strict";
const path = require("path");
const fs = require("fs");
const os = require("os");
const url = require("url");
const config = JSON.parse(process.env.GREMLINS_WARM_CONFIG);
delete process.env.GREMLINS_WARM_CONFIG;
const root = config.root;
` +
  CAPTURE_SOURCE +
  String.raw`
// The workers' environment is fixed when vitest starts them (vitest 3 keeps its pools across runs), so it
// names a file instead: active gremlin, hit limit and the directory for hit-limit markers, one per line.
const state = fs.mkdtempSync(path.join(os.tmpdir(), "gremlins-vitest-"));
const activeFile = path.join(state, "active");
const markers = path.join(state, "markers");
fs.mkdirSync(markers);
function activate(active, hitLimit) {
  fs.writeFileSync(activeFile, active > 0 ? active + "\n" + hitLimit + "\n" + markers + "\n" : "0\n0\n\n");
}
activate(0, 0);
process.env.GREMLINS_ACTIVE_FILE = activeFile;
delete process.env.GREMLINS_ACTIVE;
delete process.env.GREMLINS_HIT_LIMIT;
delete process.env.GREMLINS_DIR;
process.on("exit", () => fs.rmSync(state, { recursive: true, force: true }));

let vitest = null;
// Absolute test file → its specifications (one per project that runs it).
const specs = new Map();

async function setUp() {
  const api = await import(url.pathToFileURL(config.bin).href);
  if (typeof api.createVitest !== "function") throw new Error("this vitest has no createVitest in vitest/node");
  const parsed = typeof api.parseCLI === "function" ? api.parseCLI(["vitest", "run"].concat(config.args)) : { options: {} };
  vitest = await api.createVitest("test", Object.assign({}, parsed.options, { watch: false, run: true }));
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
  for (const name of fs.readdirSync(markers)) fs.rmSync(path.join(markers, name), { force: true });
  activate(message.active, message.hitLimit);
  output = [];
  size = 0;
  let result;
  try {
    const chosen = [];
    for (const file of message.files) chosen.push.apply(chosen, specs.get(path.resolve(root, file)) || []);
    if (chosen.length === 0) throw new Error("no vitest project runs " + message.files.join(", "));
    if (typeof vitest.setGlobalTestNamePattern === "function") {
      if (message.pattern) vitest.setGlobalTestNamePattern(message.pattern);
      else vitest.resetGlobalTestNamePattern();
    }
    result = counts(await vitest.runTestSpecifications(chosen, false), chosen);
  } catch (error) {
    write(String((error && error.stack) || error) + "\n");
    result = { failed: true, tests: 0 };
  }
  activate(0, 0);
  const hit = fs.readdirSync(markers).some((name) => name.startsWith("hit-limit-"));
  const text = output.join("");
  output = null;
  process.send({ type: "done", failed: result.failed, tests: result.tests, output: text, hits: hit ? message.hitLimit + 1 : 0, lingering: 0, reached: null });
}

function crash(error) {
  if (output === null) output = [];
  output.push(String((error && error.stack) || error) + "\n");
  process.send({ type: "crashed", output: output.join("") }, () => process.exit(1));
}
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

let queue = Promise.resolve();
process.on("message", (message) => {
  queue = queue.then(() => runOnce(message));
});
process.on("disconnect", () => process.exit(0));
setUp().then(() => process.send({ type: "ready" }), crash);
`;
