// The sandbox: what is copied (and what not), node_modules symlinks, worker clones, removal,
// orphan cleanup, SIGINT/SIGTERM teardown, and a user tree left byte-identical.
import { afterAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { spawn } from "node:child_process";
import { createSandbox, removeOrphanSandboxes, copyProject } from "../../../src/sandbox/index.ts";
import { entryDirectories } from "../../../src/sandbox/entry-dirs.ts";
import { writeProject } from "../../_project.ts";

const base = mkdtempSync(join(tmpdir(), "gremlins-sandbox-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

function project(files: Record<string, string>): string {
  return writeProject(join(base, `p${n++}`), files);
}

const LAYOUT = {
  ".gitignore": "dist/\n*.log\n.env\nsrc/gen/\ntest/*.snap\n",
  ".env": "SECRET=1",
  "src/gen/generated.ts": "export const g = 2;\n",
  "package.json": "{}",
  "src/a.ts": "export const a = 1;\n",
  "test/a.test.ts": "import { a } from '../src/a.ts';\n",
  "test/a.test.ts.snap": "snap",
  "dist/a.js": "built",
  "debug.log": "log",
  "node_modules/pkg/index.js": "module.exports = 1;\n",
  "packages/sub/.gitignore": "out/\n",
  "packages/sub/out/x.js": "x",
  "packages/sub/src/b.js": "b",
  "packages/sub/node_modules/dep/index.js": "dep",
  ".git/HEAD": "ref",
  ".gremlins/notes.txt": "old",
};

/** path → sha256 of every file under dir (symlinks by target), skipping nothing. */
function hashTree(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) out.set(r, `link:${readlinkSync(join(dir, r))}`);
    else if (entry.isDirectory()) for (const [k, v] of hashTree(dir, r)) out.set(k, v);
    else
      out.set(
        r,
        createHash("sha256")
          .update(readFileSync(join(dir, r)))
          .digest("hex"),
      );
  }
  return out;
}

describe("copyProject", () => {
  test("copies sources and tests, skips ignored output, .git and .gremlins; links node_modules", () => {
    const root = project(LAYOUT);
    const dest = join(base, `copy${n++}`);
    const stats = copyProject(root, dest, { keep: ["src/gen/generated.ts"] });
    const has = (rel: string) => existsSync(join(dest, rel));
    for (const rel of [
      "package.json",
      ".gitignore",
      ".env",
      "src/a.ts",
      "src/gen/generated.ts",
      "test/a.test.ts",
      "test/a.test.ts.snap",
      "packages/sub/src/b.js",
    ]) {
      expect([rel, has(rel)]).toEqual([rel, true]);
    }
    for (const rel of ["dist", "debug.log", "packages/sub/out", ".git", ".gremlins"]) {
      expect([rel, has(rel)]).toEqual([rel, false]);
    }
    expect(lstatSync(join(dest, "node_modules")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dest, "node_modules"))).toBe(join(root, "node_modules"));
    expect(readlinkSync(join(dest, "packages/sub/node_modules"))).toBe(join(root, "packages/sub/node_modules"));
    expect(readFileSync(join(dest, "node_modules/pkg/index.js"), "utf8")).toContain("module.exports");
    expect(stats.ignored.sort()).toEqual(["debug.log", "dist/", "packages/sub/out/"]);
  });

  test("without keep, an ignored directory of sources is skipped", () => {
    const root = project(LAYOUT);
    const dest = join(base, `copy${n++}`);
    copyProject(root, dest);
    expect(existsSync(join(dest, "src/gen"))).toBe(false);
    expect(existsSync(join(dest, "src/a.ts"))).toBe(true);
  });

  test("an ignored directory of tests is copied", () => {
    const root = project({ ".gitignore": "test/\n", "test/a.test.ts": "t", "src/a.ts": "a" });
    const dest = join(base, `copy${n++}`);
    copyProject(root, dest);
    expect(existsSync(join(dest, "test/a.test.ts"))).toBe(true);
  });

  test("keepDirs: an ignored directory is copied whole, nested ignores and junk included", () => {
    const root = project({
      ".gitignore": "dist/\n*.log\n",
      "dist/.gitignore": "chunks/\n",
      "dist/index.mjs": "export * from './chunks/a.mjs';\n",
      "dist/chunks/a.mjs": "export const a = 1;\n",
      "dist/build.log": "log",
      "src/a.ts": "a",
    });
    const dest = join(base, `copy${n++}`);
    const stats = copyProject(root, dest, { keepDirs: ["dist"] });
    expect(readFileSync(join(dest, "dist/chunks/a.mjs"), "utf8")).toBe("export const a = 1;\n");
    expect(existsSync(join(dest, "dist/build.log"))).toBe(true);
    expect(stats.ignored).toEqual([]);
  });

  test("symlinks: relative inside stays relative, outside becomes absolute", () => {
    const root = project({ "src/a.ts": "a", "../outside.txt": "o" });
    symlinkSync("src/a.ts", join(root, "alias.ts"));
    symlinkSync("../outside.txt", join(root, "out.txt"));
    const dest = join(base, `copy${n++}`);
    copyProject(root, dest);
    expect(readlinkSync(join(dest, "alias.ts"))).toBe("src/a.ts");
    expect(readlinkSync(join(dest, "out.txt"))).toBe(join(dirname(root), "outside.txt"));
    expect(readFileSync(join(dest, "out.txt"), "utf8")).toBe("o");
  });
});

describe("createSandbox", () => {
  test("lives in <tmp>/gremlins-sandbox-<pid>-<random>/w<n>/<name> (no dot segment), named by a file in .gremlins/, writes instrumented files, clones workers, removes all", () => {
    const root = project(LAYOUT);
    const before = hashTree(root);
    const sandbox = createSandbox(root, { keep: ["src/a.ts"] });
    const primary = sandbox.dirs[0] as string;
    const id = `sandbox-${process.pid}-[0-9a-f]{8}`;
    expect(primary).toMatch(new RegExp(`^${realpathSync(tmpdir())}/gremlins-${id}/w0/${basename(root)}$`));
    expect(primary.split("/").filter((part) => part.startsWith("."))).toEqual([]);
    const links = readdirSync(join(root, ".gremlins")).filter((n) => !n.endsWith("-state") && n !== "notes.txt");
    expect(links).toHaveLength(1);
    // A pointer file, not a link: tools walking the project must not reach the copies through it.
    expect(lstatSync(join(root, ".gremlins", links[0] as string)).isFile()).toBe(true);
    expect(readFileSync(join(root, ".gremlins", links[0] as string), "utf8").trim()).toBe(dirname(dirname(primary)));
    expect(statSync(dirname(dirname(primary))).mode & 0o777).toBe(0o700);
    sandbox.writeFile("src/a.ts", "export const a = 2; // instrumented\n");
    expect(readFileSync(join(primary, "src/a.ts"), "utf8")).toContain("instrumented");
    expect(readFileSync(join(root, "src/a.ts"), "utf8")).toBe("export const a = 1;\n");

    sandbox.addWorkers(3);
    expect(sandbox.dirs).toHaveLength(3);
    expect(sandbox.dirs[2]).toBe(join(dirname(dirname(primary)), "w2", basename(root)));
    for (const dir of sandbox.dirs) {
      expect(readFileSync(join(dir, "src/a.ts"), "utf8")).toContain("instrumented");
      expect(lstatSync(join(dir, "node_modules")).isSymbolicLink()).toBe(true);
      expect(existsSync(join(dir, "node_modules/pkg/index.js"))).toBe(true);
    }
    // Workers are copies, not links: a test writing a file in one does not touch another.
    writeFileSync(join(sandbox.dirs[1] as string, "src/a.ts"), "changed");
    expect(readFileSync(join(sandbox.dirs[2] as string, "src/a.ts"), "utf8")).toContain("instrumented");

    const state = sandbox.freshStateDir(1);
    writeFileSync(join(state, "reached-1-0.txt"), "1\n");
    expect(readdirSync(sandbox.freshStateDir(1))).toEqual([]);
    expect(sandbox.freshStateDir(0)).not.toBe(sandbox.freshStateDir(1));
    expect(sandbox.tmpDir(0)).not.toBe(sandbox.tmpDir(1));
    expect(sandbox.tmpDir(0).startsWith(`${dirname(dirname(primary))}/`)).toBe(true);

    sandbox.remove();
    for (const dir of sandbox.dirs) expect(existsSync(dir)).toBe(false);
    expect(existsSync(dirname(dirname(primary)))).toBe(false);
    // .gremlins held notes.txt before, so it stays, with only that in it.
    expect(readdirSync(join(root, ".gremlins"))).toEqual(["notes.txt"]);
    expect(hashTree(root)).toEqual(before);
  });

  test("removes .gremlins when it leaves it empty", () => {
    const root = project({ "src/a.ts": "a" });
    const sandbox = createSandbox(root);
    sandbox.addWorkers(2);
    sandbox.remove();
    expect(existsSync(join(root, ".gremlins"))).toBe(false);
  });

  test("above the copy, the workspace's folders are mirrored: hoisted node_modules and shared configs resolve, .git does not", () => {
    const ws = project({
      "package.json": '{ "private": true, "workspaces": ["packages/*"] }',
      "tsconfig.base.json": "{}",
      "node_modules/hoisted/index.js": "module.exports = 'hoisted';\n",
      ".git/HEAD": "ref",
      "packages/other/index.js": "module.exports = 'other';\n",
      "packages/app/package.json": "{}",
      "packages/app/src/a.js": "module.exports = require('hoisted');\n",
    });
    const root = join(ws, "packages/app");
    const sandbox = createSandbox(root);
    sandbox.addWorkers(2);
    for (const dir of sandbox.dirs) {
      expect(dir.endsWith(`/${basename(ws)}/packages/app`)).toBe(true);
      expect(createRequire(join(dir, "src/a.js"))("./a.js")).toBe("hoisted");
      expect(readFileSync(join(dir, "../../tsconfig.base.json"), "utf8")).toBe("{}");
      expect(readFileSync(join(dir, "../other/index.js"), "utf8")).toContain("other");
      expect(existsSync(join(dir, "../../.git"))).toBe(false);
      // The copy itself is a real folder, not a link back to the project.
      expect(lstatSync(dir).isSymbolicLink()).toBe(false);
    }
    sandbox.remove();
    expect(existsSync(join(ws, "packages/app/src/a.js"))).toBe(true);
  });

  // Runs before pointer files left a link; both kinds are followed.
  test.each([
    ["a pointer file", (target: string, entry: string) => writeFileSync(entry, `${target}\n`)],
    ["a link (older runs)", (target: string, entry: string) => symlinkSync(target, entry)],
  ] as const)(
    "%s of a dead run takes its sandbox with it; one edited to point elsewhere removes only itself",
    (_, make) => {
      const root = project({ "src/a.ts": "a", "elsewhere/keep.txt": "keep" });
      const home = join(root, ".gremlins");
      const orphan = join(realpathSync(tmpdir()), "gremlins-sandbox-999999993-abcdef01");
      writeProject(orphan, { "w0/p/src/a.ts": "a" });
      mkdirSync(home);
      make(orphan, join(home, "sandbox-999999993-abcdef01"));
      make(join(root, "elsewhere"), join(home, "sandbox-999999994-abcdef02"));
      expect(removeOrphanSandboxes(root).sort()).toEqual(["sandbox-999999993-abcdef01", "sandbox-999999994-abcdef02"]);
      expect(existsSync(orphan)).toBe(false);
      expect(readdirSync(home)).toEqual([]);
      expect(readFileSync(join(root, "elsewhere/keep.txt"), "utf8")).toBe("keep");
    },
  );

  test("orphans of dead pids are removed at the start; live ones stay", () => {
    const root = project({
      "src/a.ts": "a",
      ".gremlins/sandbox-999999991-aaaa/x": "1",
      ".gremlins/sandbox-999999991-aaaa-w1/x": "1",
      ".gremlins/sandbox-1-bbbb/x": "1",
      ".gremlins/other/x": "1",
    });
    const sandbox = createSandbox(root);
    expect(sandbox.orphansRemoved.sort()).toEqual(["sandbox-999999991-aaaa", "sandbox-999999991-aaaa-w1"]);
    expect(existsSync(join(root, ".gremlins/sandbox-1-bbbb"))).toBe(true);
    expect(existsSync(join(root, ".gremlins/other"))).toBe(true);
    sandbox.remove();
  });

  test("removeOrphanSandboxes uses the liveness check and never removes our own", () => {
    const root = project({
      [`.gremlins/sandbox-${process.pid}-cccc/x`]: "1",
      ".gremlins/sandbox-42-dddd/x": "1",
      ".gremlins/sandbox-43-eeee/x": "1",
    });
    expect(removeOrphanSandboxes(root, (pid) => pid === 43)).toEqual(["sandbox-42-dddd"]);
    expect(existsSync(join(root, `.gremlins/sandbox-${process.pid}-cccc`))).toBe(true);
    expect(removeOrphanSandboxes(join(root, "missing"))).toEqual([]);
  });
});

describe("interrupts", () => {
  test.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s removes the sandbox and exits %d", async (signal, code) => {
    const root = project({ "src/a.ts": "a" });
    const script = `import { createSandbox } from ${JSON.stringify(join(import.meta.dir, "../../../src/sandbox/index.ts"))};
      const s = createSandbox(${JSON.stringify(root)}); s.addWorkers(2); console.log("ready"); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d) => String(d).includes("ready") && resolve()));
    const link = readdirSync(join(root, ".gremlins")).find((n) => !n.endsWith("-state")) as string;
    const copies = readFileSync(join(root, ".gremlins", link), "utf8").trim();
    expect(readdirSync(copies).sort()).toEqual(["w0", "w1"]);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    child.kill(signal);
    expect(await exit).toBe(code);
    expect(existsSync(join(root, ".gremlins"))).toBe(false);
    expect(existsSync(copies)).toBe(false);
  });
});

describe("entryDirectories", () => {
  const cases: [string, Record<string, unknown>, string[], string[]][] = [
    [
      "exports conditions, nested",
      { exports: { ".": "./dist/index.mjs", "./c": { node: "./lib/n.js", default: "./dist/c.mjs" } } },
      ["dist", "lib"],
      ["dist", "lib"],
    ],
    [
      "main, module, bin object, types",
      { main: "build/cjs/index.js", module: "./esm/index.js", bin: { x: "./bin/x.js" }, types: "types/index.d.ts" },
      ["build", "esm", "bin", "types"],
      ["bin", "build", "esm", "types"],
    ],
    [
      "a root file, a missing dir, node_modules, a parent, a pattern dir",
      {
        main: "index.js",
        module: "./gone/x.js",
        exports: { "./a": "./node_modules/a.js", "./b": "../b.js", "./*": "./*/x.js" },
      },
      ["node_modules"],
      [],
    ],
    ["imports (#internal) and arrays", { imports: { "#x": ["./out/x.js", "./out/y.js"] } }, ["out"], ["out"]],
    ["browser false entries ignored", { browser: { fs: false } }, [], []],
  ];
  for (const [name, pkg, dirs, expected] of cases)
    test(name, () => {
      const files: Record<string, string> = { "package.json": JSON.stringify(pkg), "index.js": "" };
      for (const dir of dirs) files[`${dir}/keep.txt`] = "";
      expect(entryDirectories(project(files))).toEqual(expected);
    });

  test("no or broken package.json: none", () => {
    expect(entryDirectories(project({ "a.js": "" }))).toEqual([]);
    expect(entryDirectories(project({ "package.json": "{" }))).toEqual([]);
  });

  test("createSandbox copies the package's ignored entry directory (tests import the package by name)", () => {
    const root = project({
      ".gitignore": "dist/\nout/\n",
      "package.json": JSON.stringify({ name: "p", exports: { ".": "./dist/index.mjs" } }),
      "dist/index.mjs": "export const built = 1;\n",
      "out/report.txt": "x",
      "src/a.ts": "a",
    });
    const sandbox = createSandbox(root);
    try {
      const copy = sandbox.dirs[0] as string;
      expect(existsSync(join(copy, "dist/index.mjs"))).toBe(true);
      expect(existsSync(join(copy, "out"))).toBe(false);
      expect(sandbox.stats.ignored).toEqual(["out/"]);
    } finally {
      sandbox.remove();
    }
  });
});
