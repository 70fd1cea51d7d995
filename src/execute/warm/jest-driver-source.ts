// The warm jest process's script (CommonJS, run by the project's node in the worker's sandbox): jest's own
// `runCLI` once per message, in band, on the chosen test files by path, with the command's options read by
// jest's own parser (`buildArgv`). jest gives every test file a new module registry and environment, so each
// run's modules are fresh; the gremlin reaches them through GREMLINS_ACTIVE_FILE (src/instrument/runtime.ts),
// rewritten before each run. Same protocol as driver-source.ts. Plain ES2017 text; keep it free of `${`.

import { ACTIVE_FILE_SOURCE, CAPTURE_SOURCE, LINGER_SOURCE, LOOP_SOURCE } from "./driver-parts.ts";

export const JEST_DRIVER_SOURCE =
  String.raw`"use strict";
const path = require("path");
const fs = require("fs");
const config = JSON.parse(process.env.GREMLINS_WARM_CONFIG);
delete process.env.GREMLINS_WARM_CONFIG;
const root = config.root;
// As on jest's command line: colour detection (supports-color) reads --color from argv when first loaded.
process.argv = [process.argv[0], config.bin].concat(config.args);
` +
  CAPTURE_SOURCE +
  ACTIVE_FILE_SOURCE +
  LINGER_SOURCE +
  String.raw`
let jest = null;

async function setUp() {
  jest = require(config.bin);
  if (typeof jest.runCLI !== "function" || typeof jest.buildArgv !== "function")
    throw new Error("this jest has no runCLI and buildArgv (warm runs need jest 29 or later)");
  // The command's options read once as jest reads them: an unknown one ends set-up, a watch mode is refused.
  const argv = await jest.buildArgv(config.args.concat(["--runInBand"]));
  if (argv.watch || argv.watchAll) throw new Error("the test command runs jest in watch mode");
  forceExit = argv.forceExit === true;
}

let forceExit = false;

async function runOnce(message) {
  begin(message);
  const before = resources();
  let result;
  try {
    const words = config.args.concat(["--runInBand", "--runTestsByPath"]);
    if (message.pattern) words.push("--testNamePattern", message.pattern);
    const argv = await jest.buildArgv(words.concat(message.files.map((file) => path.resolve(root, file))));
    const { results } = await jest.runCLI(argv, [root]);
    const failed = results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0 || results.numFailedTestSuites > 0 || !results.success;
    result = { failed: failed, tests: results.numPassedTests + results.numPendingTests + results.numTodoTests };
  } catch (error) {
    result = failure(error);
  }
  // In band, what the tests left open (a timer, a server) is this process's: a fresh jest would wait for it.
  report(message, result, forceExit ? 0 : await lingeringSince(before));
}
` +
  LOOP_SOURCE;
