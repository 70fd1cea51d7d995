// What a worker hands the processes tests start, and how it reads what they reached (child-env.ts).
import { afterEach, describe, expect, test } from "bun:test";
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ChildProcesses } from "../../../../src/execute/thread/child-env.ts";

afterEach(() => {
  for (const key of ["GREMLINS_ACTIVE", "GREMLINS_HIT_LIMIT", "GREMLINS_DIR"]) delete process.env[key];
});

describe("ChildProcesses", () => {
  test("the active gremlin and its hit limit go to the environment, and leave with gremlin 0", () => {
    const children = new ChildProcesses(true);
    children.activate(7, 1000);
    expect(process.env.GREMLINS_ACTIVE).toBe("7");
    expect(process.env.GREMLINS_HIT_LIMIT).toBe("1000");
    children.activate(0, 0);
    expect(process.env.GREMLINS_ACTIVE).toBeUndefined();
    expect(process.env.GREMLINS_HIT_LIMIT).toBeUndefined();
  });

  test("coverage: whole lines of other processes' reached files, each read once; the directory goes at the end", () => {
    const children = new ChildProcesses(true);
    children.startCoverage();
    const dir = process.env.GREMLINS_DIR as string;
    writeFileSync(join(dir, "reached-999999-0.txt"), "3\n4\n5");
    writeFileSync(join(dir, `reached-${process.pid}-1.txt`), "8\n");
    expect(children.collect()).toEqual([3, 4]);
    appendFileSync(join(dir, "reached-999999-0.txt"), "\n6\n");
    expect(children.collect()).toEqual([5, 6]);
    expect(children.collect()).toEqual([]);
    children.stopCoverage();
    expect(existsSync(dir)).toBe(false);
    expect(process.env.GREMLINS_DIR).toBeUndefined();
  });

  test("disabled (workers sharing the process's environment): nothing is set", () => {
    const children = new ChildProcesses(false);
    children.activate(3, 10);
    children.startCoverage();
    expect(process.env.GREMLINS_ACTIVE).toBeUndefined();
    expect(process.env.GREMLINS_DIR).toBeUndefined();
    expect(children.collect()).toEqual([]);
  });
});
