// End-to-end: worker entries in both built layouts. A probe entry + worker (tests/e2e/binary-worker-probe/)
// built with build.ts's own functions must start its worker through `__GREMLINS_WORKERS__` inside the
// compiled binary (run from an empty dir) and from the npm bundle under Node, Bun and Deno; and the real
// binary must embed every `src/**/*.worker.ts` at the path `workerUrl("binary", …)` names.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { binaryPath, buildBinary, buildNpmBundle, hostTarget, WORKER_ENTRIES, workerUrl } from "../../build.ts";
import { BUN, DENO, ensureBuilt, exec, REPO, tempDir } from "./install-paths.ts";

setDefaultTimeout(60_000);

const PROBE = "tests/e2e/binary-worker-probe/main.ts";
const PROBE_WORKER = "tests/e2e/binary-worker-probe/probe.worker.ts";
let dir = "";

beforeAll(async () => {
  dir = tempDir("binary-workers");
  await buildBinary(hostTarget(), { entry: PROBE, workers: [PROBE_WORKER], outfile: join(dir, "exe/probe") });
  await buildNpmBundle({ entry: PROBE, workers: [PROBE_WORKER], outDir: join(dir, "npm"), types: false });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("workerUrl", () => {
  test.each([
    ["binary", "src/execute/thread/gremlins.worker.ts", "./src/execute/thread/gremlins.worker.js"],
    ["npm", "src/execute/thread/gremlins.worker.ts", "./execute/thread/gremlins.worker.mjs"],
    ["npm", "./src/a.worker.mts", "./a.worker.mjs"],
  ] as const)("%s: %s → %s", (layout, source, url) => {
    expect(workerUrl(layout, source)).toBe(url);
  });
});

describe("a worker started through __GREMLINS_WORKERS__", () => {
  test("inside the compiled binary, run from an empty directory", async () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const out = await exec(join(dir, "exe/probe"), [], { cwd: empty, env: { PATH: "/usr/bin:/bin", TMPDIR: dir } });
    expect(out.stdout.trim()).toBe("probe binary: worker says 42");
    expect(out.code).toBe(0);
  });

  test.each([
    ["node", ["node"]],
    ["bun", [BUN]],
    ["deno", [DENO, "run", "-A"]],
  ])("from the npm bundle under %s", async (_name, command) => {
    const [cmd, ...args] = command as [string, ...string[]];
    const out = await exec(cmd, [...args, join(dir, "npm/gremlins.mjs")], { cwd: dir, env: process.env });
    expect(out.stdout.trim()).toBe("probe npm: worker says 42");
  });

  test("from source (no build-time map)", async () => {
    const out = await exec(BUN, [join(REPO, PROBE)], { cwd: dir, env: process.env });
    expect(out.stdout.trim()).toBe("probe source: worker says 42");
  });
});

describe("the real binary", () => {
  test.skipIf(WORKER_ENTRIES.length === 0)("embeds every src/**/*.worker.ts where workerUrl('binary') says", () => {
    ensureBuilt(binaryPath(hostTarget()), "--target", hostTarget());
    const bytes = readFileSync(binaryPath(hostTarget()));
    for (const worker of WORKER_ENTRIES) {
      const embedded = workerUrl("binary", worker).replace(/^\.\//, "");
      expect(bytes.includes(Buffer.from(embedded))).toBe(true);
    }
  });
});
