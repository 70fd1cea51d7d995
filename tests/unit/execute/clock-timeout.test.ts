// The spawn executor's Timeouts that only the clock decided: a run slowed past its limit (by the load of
// other workers, as on immer under --verify) is run once more with twice the time before its Timeout stands.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeGremlins } from "../../../src/execute/index.ts";
import type { Gremlin, Outcome } from "../../../src/types.ts";
import { writeProject } from "../../_project.ts";

const root = mkdtempSync(join(tmpdir(), "gremlins-clock-timeout-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

writeProject(root, {
  // First run: 3 s (past the 1 s limit); every later run: at once. The marker lives beside the script.
  "slow-once.js": `const { existsSync, writeFileSync } = require("node:fs");
const marker = __dirname + "/ran-once";
if (existsSync(marker)) process.exit(0);
writeFileSync(marker, "");
setTimeout(() => process.exit(0), 3000);
`,
  "hangs.js": "setInterval(() => {}, 1000);\n",
  "fails.js": 'console.log("not ok 1 - the gremlin is seen"); process.exit(1);\n',
});

const gremlin = { id: "g1", index: 1, file: "src/x.js" } as unknown as Gremlin;
let runs = 0;

async function verdict(script: string): Promise<{ outcome: Outcome | undefined; runs: number }> {
  let n = 0;
  const outcomes = await executeGremlins({
    gremlins: [gremlin],
    reached: new Set([1]),
    spec: { command: `node ${script}`, path: process.env.PATH ?? "" },
    workers: 1,
    context: () => {
      const stateDir = join(root, ".state", String(runs++));
      mkdirSync(stateDir, { recursive: true });
      return { cwd: root, stateDir, tmpDir: root };
    },
    timeoutMs: 1000,
    onRun: () => n++,
  });
  return { outcome: outcomes.get("g1"), runs: n };
}

test("a run that passed its limit once and then ends in time is not a Timeout", async () => {
  const { outcome, runs } = await verdict("slow-once.js");
  expect(outcome?.status).toBe("Survived");
  expect(runs).toBe(2);
}, 30_000);

test("a run that does not end with twice the time either stands as a Timeout, both limits named", async () => {
  const { outcome, runs } = await verdict("hangs.js");
  expect(outcome?.status).toBe("Timeout");
  expect(outcome?.statusReason).toBe(
    "time limit of 1000 ms exceeded, and time limit of 2000 ms exceeded on the second run",
  );
  expect(runs).toBe(2);
}, 30_000);

test("a verdict the clock did not decide gets one run", async () => {
  const { outcome, runs } = await verdict("fails.js");
  expect(outcome?.status).toBe("Killed");
  expect(runs).toBe(1);
}, 30_000);
