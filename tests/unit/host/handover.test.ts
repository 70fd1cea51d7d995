// Which process hosts a run's test workers (decideHost), the handed-over child's command line, and its marker.
import { describe, expect, test } from "bun:test";
import { childCommand, decideHost, handedOver, HANDOVER_ENV, type HostInput } from "../../../src/host/handover.ts";
import type { RuntimeChoice } from "../../../src/project/runtime.ts";

const choice = (over: Partial<RuntimeChoice>): RuntimeChoice => ({
  runtime: "node",
  reason: 'the test command "node --test" runs node',
  certain: true,
  executable: "/usr/bin/node",
  host: "bun",
  placement: "child",
  ...over,
});
const input = (over: Partial<HostInput> = {}, runtime: Partial<RuntimeChoice> = {}): HostInput => ({
  choice: choice(runtime),
  executor: "auto",
  packaging: "binary",
  handedOver: null,
  ...over,
});

describe("decideHost", () => {
  test("a Node project under the Bun binary is handed over to node, with the reason", () => {
    expect(decideHost(input())).toEqual({
      handOver: true,
      runtime: "node",
      executable: "/usr/bin/node",
      why: 'gremlins runs on bun but the project\'s tests run on node (the test command "node --test" runs node)',
    });
  });

  test("a Deno project is handed over to deno (its Deno.test suites run in the harness in deno's workers)", () => {
    const decision = decideHost(
      input({ packaging: "binary" }, { runtime: "deno", executable: "/x/deno", reason: "a Deno project (deno.json)" }),
    );
    expect(decision).toMatchObject({ handOver: true, runtime: "deno", executable: "/x/deno" });
  });

  test("a Bun project under Node (npx gremlins) is handed over to bun", () => {
    const decision = decideHost(
      input(
        { packaging: "npm" },
        { runtime: "bun", host: "node", executable: "/x/bun", reason: "a Bun project (bun.lock)" },
      ),
    );
    expect(decision).toMatchObject({ handOver: true, runtime: "bun", executable: "/x/bun" });
  });

  test.each([
    [
      "the same runtime",
      {},
      { host: "node" as const },
      /^test workers are threads of gremlins' own node process: the project's tests run on node too$/,
    ],
    ["executor: spawn", { executor: "spawn" as const }, {}, /^executor: spawn runs the test command itself/],
    [
      "the runtime missing from PATH",
      {},
      { executable: null },
      /^node is not on PATH, so test workers are threads of gremlins' own bun process$/,
    ],
    ["gremlins from source", { packaging: "source" as const }, {}, /runs from its TypeScript sources/],
  ])("stays with %s", (_name, over, runtime, why) => {
    const decision = decideHost(input(over, runtime));
    expect(decision.handOver).toBe(false);
    expect(decision.why).toMatch(why);
  });

  test("a Node process without the module hooks the run needs hands the run to a node with them (the npm bundle)", () => {
    const hooksNeeded = "this Node (v22.0.0) cannot import the project's TypeScript in worker threads by itself";
    const decision = decideHost(input({ packaging: "npm", hooksNeeded }, { host: "node" }));
    expect(decision).toEqual({ handOver: true, runtime: "node", executable: process.execPath, why: hooksNeeded });
    expect(decideHost(input({ packaging: "source", hooksNeeded }, { host: "node" })).handOver).toBe(false);
    expect(decideHost(input({ executor: "spawn", hooksNeeded }, { host: "node" })).handOver).toBe(false);
    expect(decideHost(input({ packaging: "npm" }, { host: "node" })).handOver).toBe(false);
  });

  test("a handed-over process never hands over again, and says so", () => {
    const decision = decideHost(
      input({ handedOver: { from: "bun", parentStartedAt: 1 } }, { host: "bun", runtime: "node" }),
    );
    expect(decision.handOver).toBe(false);
    expect(decision.why).toMatch(
      /^test workers are threads of this bun process \(bun [\d.]+\), to which gremlins on bun handed the run over$/,
    );
  });
});

describe("childCommand", () => {
  const copy = { bundle: "/c/gremlins.mjs", tsRegister: "/nonexistent/ts-register.mjs", origin: "" };
  test("passes the user's arguments unchanged after the bundle", () => {
    expect(childCommand("bun", copy, ["run", "--verbose", "--", "x"])).toEqual([
      "/c/gremlins.mjs",
      "run",
      "--verbose",
      "--",
      "x",
    ]);
    expect(childCommand("deno", copy, ["run"])).toEqual(["run", "-A", "--no-config", "/c/gremlins.mjs", "run"]);
  });

  test("deno runs the copy with the project's deno.json, which its test workers share", () => {
    expect(childCommand("deno", copy, ["run"], "/p/deno.jsonc")).toEqual([
      "run",
      "-A",
      "--config",
      "/p/deno.jsonc",
      "/c/gremlins.mjs",
      "run",
    ]);
  });

  test("node gets the TypeScript register module first when the copy has it", () => {
    expect(childCommand("node", copy, ["run"])).toEqual(["/c/gremlins.mjs", "run"]);
    const real = { ...copy, tsRegister: new URL("../../../src/host/ts-register.ts", import.meta.url).pathname };
    expect(childCommand("node", real, ["run"])).toEqual([
      "--import",
      `file://${real.tsRegister}`,
      "/c/gremlins.mjs",
      "run",
    ]);
  });
});

describe("handedOver", () => {
  test("reads the marker and removes it from the environment (the tests' processes do not inherit it)", () => {
    const env: NodeJS.ProcessEnv = { [HANDOVER_ENV]: "bun@1700000000000.5" };
    const marker = handedOver(env);
    expect(marker).toEqual({ from: "bun", parentStartedAt: 1700000000000.5 });
    expect(env[HANDOVER_ENV]).toBeUndefined();
    expect(handedOver({})).toBeNull();
  });
});
