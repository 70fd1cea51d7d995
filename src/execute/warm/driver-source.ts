// The warm test process's script (CommonJS, written next to the worker's temp files and run by the
// project's node): it loads the runner once, then runs the chosen test files once per message from
// the parent, with the gremlin switched through `globalThis.__gremlins_switch` (src/instrument/runtime.ts)
// and the project's own modules dropped from the require cache before each run, so every run loads them
// afresh as a new process would. Plain ES2017 text, no imports; keep it free of `${`.
//
// Protocol (IPC): parent → { files, active, hitLimit, bail }; driver → { type: "ready" } once, then per
// run { type: "done", failed, tests, output, hits } or { type: "crashed", output } (the driver exits then).
// Set-up comes in GREMLINS_WARM_CONFIG: { runner: "mocha" | "uvu" | "tape", root, bin, args, requires }.

import { CAPTURE_SOURCE, LINGER_SOURCE } from "./driver-parts.ts";

export const WARM_DRIVER_SOURCE =
  String.raw`"use strict";
const path = require("path");
const fs = require("fs");
const config = JSON.parse(process.env.GREMLINS_WARM_CONFIG);
delete process.env.GREMLINS_WARM_CONFIG;
const root = config.root;
const sw = new Int32Array(4);
sw[3] = -1;
Object.defineProperty(globalThis, "__gremlins_switch", { value: sw, writable: true, configurable: true });
// The runners look at argv (uvu decides it runs as its CLI from it).
process.argv = [process.argv[0], config.bin].concat(config.args);

` +
  CAPTURE_SOURCE +
  LINGER_SOURCE +
  String.raw`
function resolveFrom(name) {
  return require.resolve(name, { paths: [root] });
}
function own(file) {
  return file.startsWith(root + path.sep) && !file.includes(path.sep + "node_modules" + path.sep);
}
// Extra module directories dropped with the project's modules (tape keeps its harness in module state).
const fresh = [];
function clearCache() {
  for (const key of Object.keys(require.cache)) {
    if (own(key) || fresh.some((dir) => key.startsWith(dir))) delete require.cache[key];
  }
}
// mocha: a new Mocha per run with the options its CLI would read (command line, .mocharc, package.json).
let Mocha = null;
let mochaOptions = null;
function mochaSetUp() {
  const dir = path.dirname(resolveFrom("mocha/package.json"));
  // mocha 12 is an ES module package whose CommonJS parts end in .cjs.
  const first = (names) => path.join(dir, names.find((name) => fs.existsSync(path.join(dir, name))) || names[0]);
  Mocha = require(first(["lib/mocha.cjs", "lib/mocha.js"]));
  mochaOptions = require(first(["lib/cli/options.cjs", "lib/cli/options.js"])).loadOptions(config.args);
  // Set in a config file: what a new Mocha per run cannot do as the CLI does.
  for (const name of ["require", "file", "parallel", "watch", "import", "loader", "node-option", "delay"]) {
    const value = mochaOptions[name];
    if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0))
      throw new Error("mocha's " + name + " option is set");
  }
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^$(){}|[\]\\]/g, "\\$&");
}
// grep: only the tests with these full titles; cover: which tests reach which gremlins (full titles,
// "" for code run outside any test, as in a before-all hook).
function mochaRun(files, bail, grep, cover) {
  const options = Object.assign({}, mochaOptions, { bail: bail || mochaOptions.bail === true });
  if (grep) {
    options.grep = new RegExp("^(?:" + grep.map(escapeRegExp).join("|") + ")$");
    delete options.fgrep;
    delete options.invert;
  }
  const mocha = new Mocha(options);
  for (const file of files) mocha.addFile(path.resolve(root, file));
  const titles = [];
  if (cover) {
    globalThis.__gremlins_onReach = (index, test) => {
      const title = test >= 0 ? titles[test] : "";
      (cover[index] || (cover[index] = [])).push(title);
    };
  }
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats || { passes: 0, pending: 0 };
      sw[3] = -1;
      resolve({ failed: failures > 0, tests: stats.passes + stats.pending });
    });
    if (cover) {
      runner.on("test", (test) => {
        titles.push(test.fullTitle());
        sw[3] = titles.length - 1;
      });
      runner.on("test end", () => {
        sw[3] = -1;
      });
    }
  });
}

// uvu: the files queue their suites as under uvu's CLI; the queue runs as uvu's exec runs it.
function uvuSetUp() {
  // uvu's CLI turns colours on unless told not to (-c false), before kleur is loaded.
  const args = config.args;
  const off = args.some((word, at) =>
    word === "--no-color" || word === "-c=false" || word === "--color=false" ||
    ((word === "-c" || word === "--color") && args[at + 1] === "false"));
  if (!off) process.env.FORCE_COLOR = "1";
  require(resolveFrom("uvu"));
}
async function uvuRun(files, bail) {
  globalThis.UVU_DEFER = 1;
  globalThis.UVU_QUEUE = [];
  files.forEach((file, index) => {
    globalThis.UVU_QUEUE.push([file]);
    globalThis.UVU_INDEX = index;
    require(path.resolve(root, file));
  });
  let total = 0;
  let passed = 0;
  let failed = false;
  outer: for (const group of globalThis.UVU_QUEUE) {
    const name = group.shift();
    if (name != null) write(name + "\n");
    for (const run of group) {
      const result = await run();
      total += result[3];
      passed += result[1];
      if (result[0] !== true && result[0].length > 0) {
        write("\n" + result[0] + "\n");
        failed = true;
        if (bail) break outer;
      }
    }
  }
  write("\n  Total:     " + total + "\n  Passed:    " + passed + "\n");
  return { failed: failed, tests: passed };
}

// tape: a fresh tape module per run (its default harness lives in module state), files required in order.
let tapeMain = null;
function tapeSetUp() {
  tapeMain = resolveFrom("tape");
  fresh.push(path.dirname(tapeMain) + path.sep);
}
function tapeRun(files) {
  const tape = require(tapeMain);
  for (const file of files) require(path.resolve(root, file));
  return new Promise((resolve) => {
    let failed = false;
    tape.onFailure(() => {
      failed = true;
    });
    tape.onFinish(() => {
      setImmediate(() => {
        const text = output === null ? "" : output.join("");
        const tests = (text.match(/^ok \d+/gm) || []).length;
        resolve({ failed: failed, tests: tests });
      });
    });
  });
}

const runners = {
  mocha: { setUp: mochaSetUp, run: mochaRun },
  uvu: { setUp: uvuSetUp, run: uvuRun },
  tape: { setUp: tapeSetUp, run: tapeRun },
};
const runner = runners[config.runner];

function crash(error) {
  // An error outside any test's reach: as in a fresh process, the run fails; this process is done.
  if (output === null) output = [];
  output.push(String((error && error.stack) || error) + "\n");
  process.send({ type: "crashed", output: output.join(""), hits: sw[1] }, () => process.exit(1));
}
// The runner's own handlers (mocha fails the running test) come first; only an error nobody handles ends the process.
process.on("uncaughtException", (error) => {
  if (process.listenerCount("uncaughtException") === 1) crash(error);
});
process.on("unhandledRejection", (error) => {
  if (process.listenerCount("unhandledRejection") === 1) crash(error);
});

async function runOnce(message) {
  const globals = new Set(Object.getOwnPropertyNames(globalThis));
  const exits = new Set(process.listeners("exit"));
  clearCache();
  if (message.active > 0) {
    process.env.GREMLINS_ACTIVE = String(message.active);
    process.env.GREMLINS_HIT_LIMIT = String(message.hitLimit);
  } else {
    delete process.env.GREMLINS_ACTIVE;
    delete process.env.GREMLINS_HIT_LIMIT;
  }
  const before = resources();
  sw[1] = 0;
  sw[2] = message.hitLimit;
  sw[0] = message.active;
  output = [];
  size = 0;
  const cover = message.cover ? {} : null;
  // Per-test coverage is reported once per gremlin and test: forget what earlier runs reported.
  if (cover && globalThis.__gremlins) globalThis.__gremlins.reset();
  let result;
  try {
    result = await runner.run(message.files, message.bail, message.grep || null, cover);
  } catch (error) {
    write(String((error && error.stack) || error) + "\n");
    result = { failed: true, tests: 0 };
  }
  // Handles the run left open would keep a fresh process from ending (mocha without --exit, uvu, tape):
  // give them a moment, with the gremlin still active, then tell the parent how many are left.
  const lingering = mochaOptions !== null && mochaOptions.exit === true ? 0 : await lingeringSince(before);
  sw[0] = 0;
  sw[3] = -1;
  delete globalThis.__gremlins_onReach;
  const hits = sw[1];
  // What the run left behind must not reach the next one: globals it added, exit handlers.
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (globals.has(name)) continue;
    try {
      delete globalThis[name];
    } catch (error) {}
  }
  for (const listener of process.listeners("exit")) if (!exits.has(listener)) process.removeListener("exit", listener);
  const text = output.join("");
  output = null;
  process.send({ type: "done", failed: result.failed, tests: result.tests, output: text, hits: hits, lingering: lingering, reached: cover });
}

let queue = Promise.resolve();
process.on("message", (message) => {
  queue = queue.then(() => runOnce(message));
});
process.on("disconnect", () => process.exit(0));
try {
  runner.setUp();
  process.send({ type: "ready" });
} catch (error) {
  crash(error);
}
`;
