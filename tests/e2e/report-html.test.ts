// The HTML report in a real browser: a real `gremlins run` on a tiny Bun project, then headless Chromium
// (Debian's package) over the DevTools protocol: the page renders offline, shows the score and the file
// tree, a survivor's replacement is visible, and source text with </script><script> stays text.
// Also checks thresholds.break → exit 1 and --quiet on the same project (cheap: a handful of gremlins).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Browser, DEEP_DOM, findChromium } from "./report-browser.ts";

const REPO = resolve(import.meta.dir, "../..");
const BUN = join(REPO, "node_modules/.bin/bun");
const CLI = join(REPO, "src/cli/bin.ts");
const CHROMIUM = findChromium();
if (!CHROMIUM) {
  console.warn(
    "report-html: SKIPPED the browser tests — chromium is not installed (apt-get install -y chromium); .ci/run installs it in CI",
  );
}

const INJECTED = "</script><script>globalThis.__gremlinsInjected = 1</script><!-- <script> </script/>";
const SOURCE = [
  `export const BANNER = ${JSON.stringify(INJECTED)};`,
  "export function isAdult(age: number): boolean {",
  "  return age >= 18;",
  "}",
  "",
].join("\n");
const TEST = [
  'import { expect, test } from "bun:test";',
  'import { BANNER, isAdult } from "../src/tag.ts";',
  'test("adults", () => { expect(isAdult(30)).toBe(true); expect(isAdult(3)).toBe(false); });',
  'test("banner", () => { expect(BANNER.length).toBeGreaterThan(0); });',
  "",
].join("\n");

let project = "";
function gremlins(args: string[]) {
  return spawnSync(BUN, [CLI, "run", "--workers", "2", ...args], {
    cwd: project,
    encoding: "utf8",
    // The project's `bun test` needs bun on PATH (the repo's, from npm).
    env: {
      ...process.env,
      NO_COLOR: "1",
      GITHUB_STEP_SUMMARY: "",
      PATH: `${join(REPO, "node_modules/.bin")}:${process.env.PATH}`,
    },
    timeout: 180_000,
  });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "gremlins-html-"));
  mkdirSync(join(project, "src"));
  mkdirSync(join(project, "test"));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "tag", type: "module", scripts: { test: "bun test" } }),
  );
  writeFileSync(join(project, "src/tag.ts"), SOURCE);
  writeFileSync(join(project, "test/tag.test.ts"), TEST);
});
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("gremlins run on a tiny project with a survivor", () => {
  let run: ReturnType<typeof gremlins>;
  beforeAll(() => {
    run = gremlins(["--reporters", "html,json,clear-text", "--threshold-break", "100"]);
  }, 180_000);

  test("score below thresholds.break → exit code 1; the reports are written anyway", () => {
    if (run.status !== 1) console.log(run.stdout, run.stderr);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("Survived (");
    expect(run.stdout).toContain("      3 -   return age >= 18;\n      3 +   return age > 18;");
    const html = readFileSync(join(project, "reports/gremlins/mutation.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  test("--quiet prints only the summary; break 0 → exit 0", () => {
    const quiet = gremlins(["--quiet", "--reporters", "clear-text", "--threshold-break", "0"]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toMatch(/^Mutation score:/);
    expect(quiet.stdout).not.toContain("Survived (");
    expect(quiet.stdout).not.toContain("File ");
    expect(quiet.stderr).toBe("");
  }, 180_000);

  describe.skipIf(!CHROMIUM)("mutation.html in headless Chromium", () => {
    let browser: Browser;
    let url = "";
    beforeAll(async () => {
      browser = await Browser.launch(CHROMIUM!);
      url = `file://${join(project, "reports/gremlins/mutation.html")}`;
      await browser.open(url);
      await browser.evaluate(DEEP_DOM);
    }, 60_000);
    afterAll(() => browser?.close());

    test("renders offline: the score and the file tree", async () => {
      const text = await browser.poll<string>(
        "__deepText().includes('tag.ts') && __deepText()",
        20_000,
        "the report to render",
      );
      const report = JSON.parse(readFileSync(join(project, "reports/gremlins/mutation.json"), "utf8"));
      const mutants = report.files["src/tag.ts"].mutants as { status: string }[];
      const detected = mutants.filter((m) => m.status === "Killed" || m.status === "Timeout").length;
      const valid = mutants.filter((m) => ["Killed", "Timeout", "Survived", "NoCoverage"].includes(m.status)).length;
      expect(text).toContain("Mutation Score");
      expect(text).toContain(((detected / valid) * 100).toFixed(2));
      expect(text).toContain("tag.ts");
      expect(browser.problems()).toEqual([]);
    }, 30_000);

    test("a survivor's replacement is visible in the file view", async () => {
      const href = await browser.evaluate<string>("__deepAll('a').find((a) => a.textContent.includes('tag.ts')).href");
      await browser.evaluate(`location.href = ${JSON.stringify(href)}`);
      await browser.evaluate(DEEP_DOM);
      const survivor =
        "__deepAll('svg.mutant-dot').find((s) => s.textContent.includes('equality') && s.textContent.includes('Survived'))";
      await browser.poll(`Boolean(${survivor})`, 20_000, "the survivor marker");
      expect(await browser.evaluate<string>("__deepText()")).not.toContain("age > 18");
      await browser.evaluate(`${survivor}.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }))`);
      const text = await browser.poll<string>(
        "__deepText().includes('age > 18') && __deepText()",
        10_000,
        "the replacement",
      );
      expect(text).toMatch(/return age > 18 ;/);
    }, 60_000);

    test("source containing </script><script> renders as text and runs nothing", async () => {
      const text = await browser.evaluate<string>("__deepText()");
      // The code view tokenises the line; the literal's characters are all there, as text.
      expect(text.replace(/\s+/g, "")).toContain(JSON.stringify(INJECTED).replace(/\s+/g, ""));
      expect(await browser.evaluate("typeof globalThis.__gremlinsInjected")).toBe("undefined");
      expect(await browser.evaluate("document.querySelectorAll('script').length")).toBe(2);
    }, 30_000);
  });
});
