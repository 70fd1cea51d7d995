// What a verdict depends on besides its own file: the project's test files (hashed one by one, so a
// verdict with per-test coverage can depend on only its tests) and the support files (everything else
// the tests could read: fixtures, package.json, configs, non-mutated sources).
import { readFileSync } from "node:fs";
import { glob } from "tinyglobby";
import { loadGitignores } from "../discover/gitignore.ts";
import { hashContent, hashParts } from "./hash.ts";
import { NEVER_WALKED } from "../util/own-paths.ts";

/** Test files by name or folder (the same shapes the sandbox always copies). */
const TEST_FILE = /(^|\/)(__tests__|tests?|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.[cm]?[jt]sx?$/;
/** Documentation cannot change a verdict; editing a README must not invalidate the cache. */
const DOCS = /\.(md|markdown|mdx|txt|rst)$|(^|\/)(LICENSE|LICENCE|CHANGELOG|AUTHORS)[^/]*$/i;

export interface TestInputs {
  /** Test file → content hash. */
  tests: Map<string, string>;
  /** Hash over every test file. */
  testsHash: string;
  /** Hash over every support file (neither mutated, nor a test, nor documentation). */
  supportHash: string;
  /** How many files were hashed. */
  count: number;
}

export interface CollectOptions {
  /** Mutated files: their own hash keys their gremlins, so they are not inputs of other verdicts. */
  mutated: ReadonlySet<string>;
  /** Project-relative directories to skip (the report directory, the cache directory). */
  skipDirs?: readonly string[];
  /** Reads a project-relative file (--staged reads the index); defaults to the working tree. */
  read?: (path: string) => Uint8Array | null;
}

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/** Hashes the inputs of `root`: git-ignored files, node_modules, .git and gremlins' own folders are skipped. */
export async function collectTestInputs(root: string, options: CollectOptions): Promise<TestInputs> {
  const skip = (options.skipDirs ?? []).map((dir) => `${dir.replace(/^\.\//, "").replace(/\/+$/, "")}/**`);
  const paths = await glob(["**/*"], {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: [...NEVER_WALKED, ...skip],
  });
  const gitignore = await loadGitignores(root);
  const read = options.read ?? ((path: string) => readFileSync(`${root}/${path}`));
  const tests = new Map<string, string>();
  const support: string[] = [];
  let count = 0;
  for (const path of paths.sort()) {
    if (options.mutated.has(path) || DOCS.test(path) || gitignore.ignores(path)) continue;
    let bytes: Uint8Array | null;
    try {
      bytes = read(path);
    } catch {
      continue; // vanished or unreadable: not an input
    }
    if (bytes === null) continue;
    count++;
    const hash = hashContent(bytes);
    if (isTestFile(path)) tests.set(path, hash);
    else support.push(path, hash);
  }
  return { tests, testsHash: hashParts([...tests].flat()), supportHash: hashParts(support), count };
}

/** Hash over the named test files only (a missing file hashes as "missing", so deleting it invalidates). */
export function hashOfTests(inputs: TestInputs, files: readonly string[]): string {
  return hashParts([...files].sort().flatMap((file) => [file, inputs.tests.get(file) ?? "missing"]));
}
