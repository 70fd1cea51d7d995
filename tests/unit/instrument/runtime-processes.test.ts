// The runtime helper in real child processes: env activation, coverage files and the hit limit
// under Node (ESM and CJS), Bun and Deno (run and `deno test -A`), and inside worker threads.
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUN, DENO, tempDir } from "./_helpers.ts";
import { G, writeFixture } from "./_fixture.ts";

const tmp = tempDir("runtime");
writeFixture(tmp.dir);
afterAll(() => tmp.cleanup());

interface Run {
  pid: number;
  status: number | null;
  /** The JSON line the probe printed. */
  result: unknown;
  stderr: string;
  /** Files in GREMLINS_DIR and their contents. */
  files: Record<string, string>;
}

let runs = 0;
function run(command: string[], env: Record<string, string>): Run {
  const dir = join(tmp.dir, `cov-${runs++}`);
  mkdirSync(dir);
  const child = spawnSync(command[0]!, command.slice(1), {
    cwd: tmp.dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", GREMLINS_DIR: dir, ...env },
    timeout: 60_000,
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith("{"));
  const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
  rmSync(dir, { recursive: true, force: true });
  return {
    pid: child.pid ?? -1,
    status: child.status,
    result: line ? JSON.parse(line) : child.stdout + child.stderr,
    stderr: child.stderr,
    files,
  };
}

/** `slow`: type-checking `deno test` takes seconds per run, so it gets the essential scenarios only. */
const RUNTIMES: [name: string, command: string[], slow?: boolean][] = [
  ["node ESM", ["node", "main.mjs"]],
  ["node CJS (exits with process.exit)", ["node", "main.cjs"]],
  ["bun ESM", [BUN, "main.mjs"]],
  ["bun CJS", [BUN, "main.cjs"]],
  ["deno run (TS)", [DENO, "run", "-A", "main.ts"]],
  ["deno test -A (type-checked TS)", [DENO, "test", "-A", "main_test.ts"], true],
];

describe("env activation in child processes", () => {
  for (const [name, command, slow] of RUNTIMES) {
    test(`${name}: coverage, activation and hit limit`, () => {
      const idle = run(command, {});
      expect(idle.result).toEqual({ add: 5, base: 20, spin: 100 });
      // Reached once each, in first-reach order; the unused gremlin never.
      expect(idle.files).toEqual({ [`reached-${idle.pid}-0.txt`]: `${G.static}\n${G.add}\n${G.loop}\n` });

      const looping = run(command, { GREMLINS_ACTIVE: String(G.loop), GREMLINS_HIT_LIMIT: "50" });
      expect(looping.result).toEqual({ error: "GremlinsHitLimitError", again: "GremlinsHitLimitError" });
      expect(looping.files).toEqual({ [`hit-limit-${looping.pid}`]: `${G.loop}\n` });
      if (slow) return;

      const active = run(command, { GREMLINS_ACTIVE: String(G.add) });
      expect(active.result).toEqual({ add: -1, base: 20, spin: 100 });
      expect(active.files).toEqual({});
      expect(run(command, { GREMLINS_ACTIVE: String(G.static) }).result).toEqual({ add: 5, base: 5, spin: 100 });
      // Under the limit nothing happens.
      expect(run(command, { GREMLINS_ACTIVE: String(G.loop), GREMLINS_HIT_LIMIT: "500" }).result).toEqual({
        add: 5,
        base: 20,
        spin: -100,
      });
    }, 120_000);
  }

  // A warm vitest process fixes its workers' environment once and names a file whose lines change per run.
  for (const [name, command] of RUNTIMES.slice(0, 2)) {
    test(`${name}: GREMLINS_ACTIVE_FILE stands in for the three variables`, () => {
      const file = join(tmp.dir, "active-file");
      const markers = join(tmp.dir, "markers");
      mkdirSync(markers, { recursive: true });
      writeFileSync(file, `${G.add}\n0\n\n`);
      const active = run(command, { GREMLINS_ACTIVE_FILE: file, GREMLINS_ACTIVE: String(G.static) });
      expect(active.result).toEqual({ add: -1, base: 20, spin: 100 });
      // Its directory replaces GREMLINS_DIR: nothing reached is written while a gremlin is active, the marker goes there.
      expect(active.files).toEqual({});
      writeFileSync(file, `${G.loop}\n50\n${markers}\n`);
      const looping = run(command, { GREMLINS_ACTIVE_FILE: file });
      expect(looping.result).toEqual({ error: "GremlinsHitLimitError", again: "GremlinsHitLimitError" });
      expect(looping.files).toEqual({});
      expect(readdirSync(markers)).toEqual([`hit-limit-${looping.pid}`]);
      writeFileSync(file, "0\n0\n\n");
      const idle = run(command, { GREMLINS_ACTIVE_FILE: file });
      expect(idle.result).toEqual({ add: 5, base: 20, spin: 100 });
      expect(idle.files).toEqual({});
      rmSync(markers, { recursive: true, force: true });
      const missing = run(command, { GREMLINS_ACTIVE_FILE: join(tmp.dir, "no-such-file") });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain("cannot read the active gremlin from");
    }, 60_000);
  }

  test("deno without --allow-env fails loudly instead of leaving every gremlin off", () => {
    const denied = run([DENO, "run", "main.ts"], { GREMLINS_ACTIVE: "1" });
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain("--allow-env");
  }, 60_000);
});

const WORKER = `import { Worker } from "node:worker_threads";
const sw = new Int32Array(new SharedArrayBuffer(16));
sw[3] = -1;
const code = \`
import { parentPort, workerData } from "node:worker_threads";
globalThis.__gremlins_switch = workerData;
const reached = [];
globalThis.__gremlins_onReach = (i, t) => reached.push([i, t]);
const lib = await import(\${JSON.stringify(new URL("./lib.mjs", import.meta.url).href)});
parentPort.on("message", (m) => {
  if (m === "stop") return process.exit(0);
  workerData[3] = m;
  parentPort.postMessage({ add: lib.add(2, 3), reached: reached.splice(0) });
});
parentPort.postMessage("ready");\`;
const worker = new Worker(new URL("data:text/javascript," + encodeURIComponent(code)), { workerData: sw });
worker.on("error", (e) => { console.error(e); process.exit(3); });
const next = () => new Promise((resolve) => worker.once("message", resolve));
await next();
const out = {};
worker.postMessage(0); out.idle = await next();
Atomics.store(sw, 0, ${G.add});
worker.postMessage(1); out.active = await next();
Atomics.store(sw, 0, 0);
worker.postMessage(2); out.again = await next();
worker.postMessage("stop");
console.log(JSON.stringify(out));
`;

describe("worker threads with the shared switch", () => {
  writeFileSync(join(tmp.dir, "workers.mjs"), WORKER);
  const cases: [string, string[]][] = [
    ["node", ["node", "workers.mjs"]],
    ["bun", [BUN, "workers.mjs"]],
    ["deno", [DENO, "run", "-A", "workers.mjs"]],
  ];
  for (const [name, command] of cases) {
    test(`${name}: flipping slot 0 selects the gremlin without reloading; coverage goes to the hook and the thread's file`, () => {
      const r = run(command, {});
      expect(r.result).toEqual({
        idle: {
          add: 5,
          reached: [
            [G.static, -1],
            [G.add, 0],
          ],
        },
        active: { add: -1, reached: [] },
        again: { add: 5, reached: [[G.add, 2]] },
      });
      const names = Object.keys(r.files);
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(new RegExp(`^reached-${r.pid}-[1-9]\\d*\\.txt$`));
      expect(Object.values(r.files)[0]).toBe(`${G.static}\n${G.add}\n`);
    }, 60_000);
  }
});
