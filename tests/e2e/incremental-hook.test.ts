// `gremlins init --hook` end to end: installs an executable pre-commit hook, updates its own hook, refuses a
// foreign one without --force, prints lines for husky instead, fails outside git; .pre-commit-hooks.yaml shape.
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUN, CLI, REPO } from "./run-harness.ts";
import { gitEnv, makeRepo } from "../unit/diff/git-repo.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const repo = (files: Record<string, string> = { "package.json": "{}" }) => {
  const root = makeRepo(files);
  dirs.push(root);
  return root;
};
const init = (cwd: string, ...flags: string[]) =>
  spawnSync(BUN, [CLI, "init", "--hook", ...flags], { cwd, encoding: "utf8", env: { ...gitEnv(), NO_COLOR: "1" } });

describe("gremlins init --hook", () => {
  test("installs an executable pre-commit hook running `gremlins run --staged` with a threshold, and updates it", () => {
    const root = repo();
    const first = init(root);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Installed");
    const hook = join(root, ".git/hooks/pre-commit");
    const text = readFileSync(hook, "utf8");
    expect(text).toStartWith("#!/bin/sh\n# gremlins pre-commit hook");
    expect(text).toContain("exec gremlins run --staged --threshold-break 60");
    expect(statSync(hook).mode & 0o111).toBe(0o111);
    const again = init(root);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("Replaced");
  });

  test("uses thresholds.break from the config, and --root for a project in a subdirectory", () => {
    const root = repo({ "app/package.json": JSON.stringify({ gremlins: { thresholds: { break: 75 } } }) });
    expect(init(join(root, "app")).status).toBe(0);
    expect(readFileSync(join(root, ".git/hooks/pre-commit"), "utf8")).toContain(
      "exec gremlins run --staged --root app --threshold-break 75",
    );
  });

  test("refuses to overwrite a foreign hook (exit 2) unless --force", () => {
    const root = repo();
    const hook = join(root, ".git/hooks/pre-commit");
    mkdirSync(join(root, ".git/hooks"), { recursive: true });
    writeFileSync(hook, "#!/bin/sh\nnpm run lint\n");
    const refused = init(root);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("was not written by gremlins");
    expect(readFileSync(hook, "utf8")).toBe("#!/bin/sh\nnpm run lint\n");
    expect(init(root, "--force").status).toBe(0);
    expect(readFileSync(hook, "utf8")).toContain("gremlins pre-commit hook");
  });

  test.each([
    ["husky", { ".husky/pre-commit": "npm test\n" }, ".husky/pre-commit"],
    ["lefthook", { "lefthook.yml": "pre-commit:\n" }, "run: npx gremlins run --staged"],
    [
      "simple-git-hooks",
      { "package.json": JSON.stringify({ "simple-git-hooks": { "pre-commit": "x" } }) },
      '"pre-commit": "npx gremlins run --staged',
    ],
  ])("with %s, prints the lines to add and writes no hook", (_name, files, expected) => {
    const root = repo(files);
    const result = init(root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(expected);
    expect(() => statSync(join(root, ".git/hooks/pre-commit"))).toThrow();
  });

  test("outside a git repository: exit 2", () => {
    const plain = mkdtempSync(join(tmpdir(), "gremlins-nohook-"));
    dirs.push(plain);
    const result = init(plain);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--hook needs a git repository");
  });
});

describe(".pre-commit-hooks.yaml", () => {
  test("declares the gremlins hook for the pre-commit framework", () => {
    const text = readFileSync(join(REPO, ".pre-commit-hooks.yaml"), "utf8");
    for (const line of ["- id: gremlins", "entry: gremlins run --staged", "language: node", "pass_filenames: false"])
      expect(text).toContain(line);
  });
});
