// The CLI's output pinned as snapshots (tests/snapshots/): --help of gremlins and of its commands, and `list` on
// a fixture project. A changed help line or listing fails here; UPDATE_SNAPSHOTS=1 rewrites the files.
import { describe, test } from "bun:test";
import { join, resolve } from "node:path";
import { main } from "../../../src/cli/main.ts";
import type { Io } from "../../../src/cli/output.ts";
import { VERSION } from "../../../src/version.ts";
import { expectSnapshot } from "../../snapshot.ts";

const REPO = resolve(import.meta.dir, "../../..");

/** Runs main() in-process on a pipe (no colour); stdout with the version masked, and the exit code. */
async function output(argv: string[], cwd = REPO): Promise<string> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env: {},
    cwd,
  };
  const code = await main(argv, io);
  if (code !== 0) throw new Error(`gremlins ${argv.join(" ")} exited ${code}: ${stderr}`);
  return stdout.replaceAll(VERSION, "<version>");
}

describe("CLI output snapshots", () => {
  test.each([
    [["--help"], "help.txt"],
    [["run", "--help"], "help-run.txt"],
    [["list", "--help"], "help-list.txt"],
    [["merge", "--help"], "help-merge.txt"],
  ])("gremlins %j", async (argv, file) => {
    expectSnapshot(file, await output(argv));
  });

  test("gremlins list on the bun fixture", async () => {
    expectSnapshot("list-bun.txt", await output(["list", "--root", join(REPO, "tests/fixtures/bun")]));
  });
});
