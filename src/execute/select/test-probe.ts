// Per-test coverage inside a runner's own process, for the spawn executor's per-file baseline: a preload
// (NODE_OPTIONS --require) that learns from the runner when each test's body starts and ends and tells
// the runtime helper (switch mode, src/instrument/runtime.ts) which test is running, so every gremlin a
// test reaches is recorded with that test's title. Gremlins reached outside a test body (module load,
// hooks, work left running after a test) are recorded as such: their files then run whole.
// ava only for now: its runner emits `test-register-log-reference` just before a test body runs and
// `test-passed` / `test-failed` after it; the coverage run adds `--serial`, so bodies never overlap.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "pathe";
import type { RunnerCommand } from "./runner-command.ts";

/** Gremlin index → titles of the tests whose bodies reached it; null when code outside any test reached it too. */
export type TestsByGremlin = Map<number, string[] | null>;

export interface TestProbe {
  /** Options added to the file's coverage run (ava: --serial). */
  options: string[];
  /** Environment for the coverage run, given a directory the preload may be written to. */
  env(dir: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** What the run recorded in its GREMLINS_DIR; null when the probe saw no test at all. */
  read(stateDir: string): TestsByGremlin | null;
}

const PRELOAD_NAME = "gremlins-test-probe.cjs";
const RECORD_PREFIX = "tests-";

/** The preload (CommonJS, plain ES2017; keep it free of `${`). */
export const AVA_PROBE_SOURCE = String.raw`"use strict";
const wt = require("node:worker_threads");
const fs = require("node:fs");
const dir = process.env.GREMLINS_DIR;
const active = parseInt(process.env.GREMLINS_ACTIVE || "0", 10) || 0;
function install(observe) {
  const sw = new Int32Array(4);
  sw[3] = -1;
  Object.defineProperty(globalThis, "__gremlins_switch", { value: sw, writable: true, configurable: true });
  let fd = -1;
  let slot = -1;
  function line(text) {
    if (fd < 0) fd = fs.openSync(dir + "/tests-" + process.pid + "-" + wt.threadId + ".txt", "a");
    fs.writeSync(fd, text + "\n");
  }
  Object.defineProperty(globalThis, "__gremlins_onReach", {
    value: function (index, test) { line("R " + index + " " + test); },
    writable: true,
    configurable: true,
  });
  observe(function (message) {
    const evt = message && message.ava;
    if (!evt || typeof evt.type !== "string") return;
    if (evt.type === "test-register-log-reference") {
      slot++;
      line("T " + slot + " " + JSON.stringify(String(evt.title)));
      sw[3] = slot;
    } else if (evt.type === "test-passed" || evt.type === "test-failed") {
      sw[3] = -1;
    }
  });
}
// ava's runner tells its listeners through Emittery, which calls them a few microtasks later; Emittery's
// debug log (on with DEBUG=emittery) is written synchronously as the event is emitted: its lines are read
// and kept out of the output.
const inWorker = !wt.isMainThread || (typeof process.send === "function" && /[\\/]ava[\\/]/.test(process.argv[1] || ""));
if (dir && active === 0 && inWorker) {
  process.env.DEBUG = "emittery";
  const log = console.log;
  install(function (seen) {
    console.log = function (text) {
      if (typeof text === "string" && text.indexOf("][emittery:") > 0) {
        const m = /\[emittery:emit\]\[[^\]]*\] Event Name: stateChange\n\tdata: ([\s\S]*)$/.exec(text);
        if (m) {
          try {
            seen({ ava: JSON.parse(m[1]) });
          } catch (e) {}
        }
        return;
      }
      return log.apply(this, arguments);
    };
  });
}
`;

/** Reads the `tests-*.txt` records of a GREMLINS_DIR. */
export function readTestRecords(stateDir: string): TestsByGremlin | null {
  let names: string[];
  try {
    names = readdirSync(stateDir).filter((n) => n.startsWith(RECORD_PREFIX));
  } catch {
    return null;
  }
  const byGremlin: TestsByGremlin = new Map();
  let tests = 0;
  for (const name of names) {
    const titles = new Map<number, string>();
    for (const line of readFileSync(join(stateDir, name), "utf8").split("\n")) {
      if (line.startsWith("T ")) {
        const at = line.indexOf(" ", 2);
        titles.set(Number(line.slice(2, at)), JSON.parse(line.slice(at + 1)) as string);
        tests++;
      } else if (line.startsWith("R ")) {
        const [, index, slot] = line.split(" ");
        const gremlin = Number(index);
        const title = titles.get(Number(slot));
        const known = byGremlin.get(gremlin);
        if (title === undefined || known === null) byGremlin.set(gremlin, null);
        else if (!known) byGremlin.set(gremlin, [title]);
        else if (!known.includes(title)) known.push(title);
      }
    }
  }
  return tests > 0 ? byGremlin : null;
}

/** The probe for `command`'s runner, or null where none exists or the command already filters titles. */
export function testProbeFor(command: RunnerCommand): TestProbe | null {
  if (command.runner !== "ava") return null;
  if (command.options.some((o) => o === "-m" || o === "--match" || o.startsWith("--match="))) return null;
  return {
    options: ["--serial"],
    env(dir, base) {
      const path = join(dir, PRELOAD_NAME);
      writeFileSync(path, AVA_PROBE_SOURCE);
      const own = `--require=${/\s/.test(path) ? JSON.stringify(path) : path}`;
      return { ...base, NODE_OPTIONS: base.NODE_OPTIONS ? `${base.NODE_OPTIONS} ${own}` : own };
    },
    read: readTestRecords,
  };
}
