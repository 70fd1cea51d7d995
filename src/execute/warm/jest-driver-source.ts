// The warm jest process's script (CommonJS, run by the project's node in the worker's sandbox): jest's own
// `runCLI` once per message, in band, on the chosen test files by path, with the command's options read by
// jest's own parser (`buildArgv`). jest gives every test file a new module registry and environment, so each
// run's modules are fresh; the gremlin reaches them through GREMLINS_ACTIVE_FILE (src/instrument/runtime.ts),
// rewritten before each run. Same protocol as driver-source.ts. Plain ES2017 text; keep it free of `${`.

import { ACTIVE_FILE_SOURCE, BAIL_SOURCE, CAPTURE_SOURCE, LINGER_SOURCE, LOOP_SOURCE } from "./driver-parts.ts";

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
  BAIL_SOURCE +
  String.raw`
let jest = null;
// The command's own --bail (jest's reading: a flag is 1), taken out of the options jest sees.
let userBail = 0;
const options = [];
for (const word of config.args) {
  if (word === "-b" || word === "--bail") userBail = 1;
  else if (word.startsWith("--bail=")) userBail = Number(word.slice(7)) || 1;
  else options.push(word);
}

async function setUp() {
  jest = require(config.bin);
  if (typeof jest.runCLI !== "function" || typeof jest.buildArgv !== "function")
    throw new Error("this jest has no runCLI and buildArgv (warm runs need jest 29 or later)");
  // The command's options read once as jest reads them: an unknown one ends set-up, a watch mode is refused.
  const argv = await jest.buildArgv(options.concat(["--runInBand"]));
  if (argv.watch || argv.watchAll) throw new Error("the test command runs jest in watch mode");
  forceExit = argv.forceExit === true;
}

let forceExit = false;

async function runFiles(files, pattern) {
  const words = options.concat(["--runInBand", "--runTestsByPath"]);
  if (pattern) words.push("--testNamePattern", pattern);
  const argv = await jest.buildArgv(words.concat(files.map((file) => path.resolve(root, file))));
  const { results } = await jest.runCLI(argv, [root]);
  const failed = results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0 || results.numFailedTestSuites > 0 || !results.success;
  return { failed: failed, tests: results.numPassedTests + results.numPendingTests + results.numTodoTests };
}

async function runOnce(message) {
  begin(message);
  const before = resources();
  let result;
  try {
    // jest's own --bail would end the process: the bail is kept file by file instead.
    const limit = userBail || (message.bail ? 1 : 0);
    result = await runBailing(message.files, limit, (files) => runFiles(files, message.pattern));
  } catch (error) {
    result = failure(error);
  }
  // In band, what the tests left open (a timer, a server) is this process's: a fresh jest would wait for it.
  report(message, result, forceExit ? 0 : await lingeringSince(before));
}
` +
  LOOP_SOURCE;
