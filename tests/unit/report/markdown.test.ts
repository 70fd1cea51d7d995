// The Markdown summary: score line and totals table, per-file table folded, top survivors as links,
// summary.md written with links relative to it, $GITHUB_STEP_SUMMARY appended with GitHub URLs.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { githubLink, TOP_SURVIVORS, toMarkdownReport, writeMarkdownReport } from "../../../src/report/markdown.ts";
import { makeGremlin, makeResult, MATH_SOURCE } from "./fixture.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("toMarkdownReport", () => {
  const md = toMarkdownReport(makeResult());

  test("score line with the threshold band, a totals row and the per-file table folded", () => {
    expect(md).toContain("🔴 **Mutation score: 50.00 %** (3 detected of 6 valid) · score on covered code: 60.00 %");
    expect(md).toContain("| **All files** | 50.00 % | 8 | 2 | 2 | 1 | 1 | 1 | 1 |");
    expect(md).toContain("<details><summary>Per file (2)</summary>");
    expect(md).toContain("| src/greet.js | 0.00 % | 3 | 0 | 1 | 1 | 0 | 1 | 0 |");
  });

  test("survivors as links to file#Lline", () => {
    expect(md).toContain("### Survived (2)");
    expect(md).toContain("- [src/math.ts:5](src/math.ts#L5) EqualityOperator: `age >= 18` → `age > 18`");
    expect(md).toContain("- [src/greet.js:2](src/greet.js#L2) ArithmeticOperator: `hé + n` → `hé - n`");
  });

  test(`only the top ${TOP_SURVIVORS} survivors are listed, the rest counted`, () => {
    const result = makeResult();
    const file = result.files[0]!;
    for (let i = 0; i < 12; i++) {
      const g = makeGremlin(
        { file: file.file, source: MATH_SOURCE, find: "a + b", operator: "Extra", replacement: `a * ${i}` },
        100 + i,
      );
      file.gremlins.push(g);
      result.outcomes.set(g.id, { id: g.id, status: "Survived" });
    }
    const text = toMarkdownReport(result);
    expect(text).toContain("### Survived (14)");
    expect(text.match(/^- \[/gm)).toHaveLength(TOP_SURVIVORS);
    expect(text).toContain("- … and 4 more");
    // The file with the most survivors comes first: greet.js's one survivor is among the cut ones.
    expect(text).toContain("](src/math.ts#L2)");
    expect(text).not.toContain("](src/greet.js#L2)");
  });
});

describe("githubLink", () => {
  test("blob URL at the commit, relative to the workspace", () => {
    const link = githubLink("/ws/packages/app", {
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "o/r",
      GITHUB_SHA: "abc",
      GITHUB_WORKSPACE: "/ws",
    });
    expect(link!("src/a.ts", 7)).toBe("https://github.com/o/r/blob/abc/packages/app/src/a.ts#L7");
    expect(githubLink("/ws", {})).toBeUndefined();
  });
});

describe("writeMarkdownReport", () => {
  test("summary.md with links relative to it; appended to GITHUB_STEP_SUMMARY when set", async () => {
    const root = mkdtempSync(join(tmpdir(), "gremlins-md-"));
    dirs.push(root);
    const stepSummary = join(root, "step-summary.md");
    writeFileSync(stepSummary, "earlier step\n");
    const result = { ...makeResult(), root };
    const path = await writeMarkdownReport(result, "reports/gremlins", {
      env: {
        GITHUB_STEP_SUMMARY: stepSummary,
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "o/r",
        GITHUB_SHA: "abc",
        GITHUB_WORKSPACE: root,
      },
    });
    expect(path).toBe(join(root, "reports/gremlins/summary.md"));
    expect(readFileSync(path, "utf8")).toContain("](../../src/math.ts#L5)");
    const appended = readFileSync(stepSummary, "utf8");
    expect(appended.startsWith("earlier step\n## gremlins mutation report")).toBe(true);
    expect(appended).toContain("](https://github.com/o/r/blob/abc/src/math.ts#L5)");
  });

  test("without GITHUB_STEP_SUMMARY nothing else is written", async () => {
    const root = mkdtempSync(join(tmpdir(), "gremlins-md-"));
    dirs.push(root);
    await writeMarkdownReport({ ...makeResult(), root }, "out", { env: {} });
    expect(readFileSync(join(root, "out/summary.md"), "utf8")).toContain("## gremlins mutation report");
  });
});
