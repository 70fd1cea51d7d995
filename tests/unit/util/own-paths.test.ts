// gremlins' own names: one definition (src/util/own-paths.ts) that every ignore list uses, so that no list
// skips `.gremlins` and forgets `.gremlins-harness` again.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { globSync } from "tinyglobby";
import { isOwnName, OWN_GLOBS, OWN_NAME, OWN_SEGMENT, STATE_DIR } from "../../../src/util/own-paths.ts";
import { MOCKS_DIR } from "../../../src/execute/thread/mock-copies.ts";
import { SHIM_DIR } from "../../../src/execute/thread/prepare.ts";

const SRC = resolve(import.meta.dir, "../../../src");
const dir = mkdtempSync(join(tmpdir(), "gremlins-own-paths-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("every name gremlins writes is one of its own names; the user's are not", () => {
  for (const name of [STATE_DIR, SHIM_DIR, MOCKS_DIR, ".gremlins-config-12-ab.ts", ".gremlins-jest-3-cd.cjs"])
    expect({ name, own: isOwnName(name) }).toEqual({ name, own: true });
  for (const name of ["gremlins", ".gremlinsrc", "src", "gremlins.config.ts", "a.gremlins-prelude.ts"])
    expect({ name, own: isOwnName(name) }).toEqual({ name, own: false });
  expect(OWN_SEGMENT.test("/tmp/p/.gremlins-mocks/0/test/a.test.ts")).toBe(true);
  expect(OWN_SEGMENT.test("test/.gremlins/x")).toBe(true);
  expect(OWN_SEGMENT.test("test/gremlins/x.gremlins-prelude.ts")).toBe(false);
});

test("the glob ignores leave out gremlins' own folders and files at any depth, dot or not", () => {
  const files = ["a.ts", ".gremlins/cache/x.ts", ".gremlins-harness/v.mjs", "sub/.gremlins-config-1-a.ts", "sub/b.ts"];
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), "");
  }
  for (const dot of [true, false])
    expect(globSync(["**/*"], { cwd: dir, dot, ignore: [...OWN_GLOBS] }).sort()).toEqual(["a.ts", "sub/b.ts"]);
});

test("no module spells gremlins' own names in an ignore list of its own", () => {
  // A string that is exactly `.gremlins`, a glob of gremlins' names or a regex of them outside own-paths.ts is an
  // ignore list drifting. (The folders' own constants, such as SHIM_DIR, are checked by isOwnName above.)
  const spelled = /["'](\*\*\/)?\.gremlins(\/\*\*)?\/?["']|["'`]\*\*\/\.gremlins|\\\.gremlins/;
  const offenders = globSync("**/*.ts", { cwd: SRC })
    .filter((path) => path !== "util/own-paths.ts")
    .filter((path) => spelled.test(readFileSync(join(SRC, path), "utf8")));
  expect(offenders).toEqual([]);
  expect(String(OWN_NAME)).toBe("/^\\.gremlins(-.*)?$/s");
});
