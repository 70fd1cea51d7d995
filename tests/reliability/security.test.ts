// Reliability and safety of gremlins itself: no network use, report HTML that cannot be injected,
// `merge` and the result cache only ever parse and validate their inputs (never execute them), and
// private (0700) directories for sandboxes, state, temp files and the cache.
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  EXECUTORS,
  REPO,
  bunFiles,
  gremlinsCli,
  gremlinsRun,
  gremlinsStart,
  sandboxes,
  tempBase,
  waitFor,
} from "./helpers.ts";

const { base, project } = tempBase("security");
const T = 'import { test, expect } from "bun:test";\n';
const OK = {
  "src/ok.ts": "export const ok = (a: number) => a + 1;\n",
  "test/ok.test.ts": T + 'import { ok } from "../src/ok.ts";\ntest("ok", () => expect(ok(1)).toBe(2));\n',
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe("no network", () => {
  // Every way JS code in Bun, Deno or Node opens a connection; gremlins' own sources use none of them.
  const NETWORK =
    /from\s+["'](node:)?(net|http|https|http2|tls|dgram|dns)["']|require\(["'](node:)?(net|http|https|http2|tls|dgram|dns)["']\)|\bfetch\(|\bWebSocket\b|\bEventSource\b|XMLHttpRequest|Bun\.(connect|listen|serve|udpSocket)|Deno\.(connect|listen|serve)/;

  test("no source file under src/ imports a network module or calls fetch/connect", () => {
    const offenders = sources(join(REPO, "src"))
      .filter((file) => NETWORK.test(readFileSync(file, "utf8")))
      .map((f) => relative(REPO, f));
    expect(offenders).toEqual([]);
  });

  test("the network scan is not vacuous: it recognises each kind of use", () => {
    for (const line of [
      'import net from "node:net";',
      "await fetch(url)",
      "new WebSocket(u)",
      "Bun.connect({})",
      'require("https")',
      "Deno.connect({ port: 1 })",
    ]) {
      expect(NETWORK.test(line)).toBe(true);
    }
  });

  test.each(EXECUTORS)(
    "a full run with unreachable HTTP(S) proxies still works (%s executor)",
    (executor) => {
      const proxy = "http://127.0.0.1:9";
      const r = gremlinsRun(
        project(bunFiles(OK)),
        ["--reporters", "json,html,clear-text", "--report-dir", join(base, `reports-${executor}`)],
        {
          executor,
          env: {
            HTTP_PROXY: proxy,
            HTTPS_PROXY: proxy,
            http_proxy: proxy,
            https_proxy: proxy,
            ALL_PROXY: proxy,
            NO_PROXY: "",
          },
        },
      );
      expect(r.code).toBe(0);
      expect(existsSync(join(base, `reports-${executor}`, "mutation.html"))).toBe(true);
    },
    60_000,
  );
});

test("report HTML: source text with </script> never appears raw inside the page's scripts", () => {
  const INJECTED = "</script><script>globalThis.__gremlinsInjected = 1</script><!-- <script> </script/>";
  const root = project(
    bunFiles({
      "src/tag.ts": `export const TAG = ${JSON.stringify(INJECTED)};\nexport function isAdult(age: number): boolean {\n  return age >= 18;\n}\n`,
      "test/tag.test.ts":
        T +
        'import { isAdult } from "../src/tag.ts";\ntest("adult", () => { expect(isAdult(30)).toBe(true); expect(isAdult(3)).toBe(false); });\n',
    }),
  );
  const dir = join(base, "html");
  const r = gremlinsRun(root, ["--reporters", "html,json", "--report-dir", dir]);
  expect(r.code).toBe(0);
  const html = readFileSync(join(dir, "mutation.html"), "utf8");
  // The page's own scripts only: <script>…</script> pairs. The injected text must not open or close one.
  expect(html).not.toContain("globalThis.__gremlinsInjected = 1</script>");
  expect(html).not.toContain("<script>globalThis.__gremlinsInjected");
  expect((html.match(/<script\b/gi) ?? []).length).toBe((html.match(/<\/script>/gi) ?? []).length);
  // The source is in the page (escaped), so the check above is not vacuous.
  expect(html).toContain("__gremlinsInjected");
}, 60_000);

describe("inputs are parsed and validated, never executed", () => {
  test("a result cache holding JS code is discarded as corrupt, and the code does not run", () => {
    const root = project(bunFiles(OK));
    const marker = join(base, "cache-pwned");
    mkdirSync(join(root, ".gremlins/cache"), { recursive: true });
    writeFileSync(
      join(root, ".gremlins/cache/results.json"),
      `module.exports = (require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x"), {});\n`,
    );
    writeFileSync(
      join(root, ".gremlins/cache/gremlins.json"),
      `export default (await import("node:fs")).writeFileSync(${JSON.stringify(marker)}, "x");\n`,
    );
    const r = gremlinsRun(root, [], { cache: true });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/discarding the result cache .*results\.json/);
    expect(existsSync(marker)).toBe(false);
    // The rebuilt cache is plain, valid JSON.
    expect(() => JSON.parse(readFileSync(join(root, ".gremlins/cache/results.json"), "utf8"))).not.toThrow();
  }, 60_000);

  test("a cache that is valid JSON of the wrong shape is discarded too", () => {
    const root = project(bunFiles(OK));
    mkdirSync(join(root, ".gremlins/cache"), { recursive: true });
    writeFileSync(
      join(root, ".gremlins/cache/results.json"),
      JSON.stringify({ format: "gremlins-result-cache", version: 1, gremlins: "0", verdicts: "__proto__" }),
    );
    const r = gremlinsRun(root, [], { cache: true });
    expect(r.code).toBe(0);
    expect(r.mutants.every((m) => m.status === "Killed")).toBe(true);
  }, 60_000);

  test.each([
    ["missing.json", null, /Cannot read mutation report/],
    ["code.json", 'module.exports = 1; require("fs").writeFileSync(process.env.MARK, "")', /not valid JSON/],
    ["shape.json", JSON.stringify({ schemaVersion: "1", files: {} }), /does not match mutation-testing-report-schema/],
    [
      "status.json",
      JSON.stringify({
        schemaVersion: "2",
        thresholds: { high: 80, low: 60 },
        files: {
          "x.ts": {
            language: "ts",
            source: "a",
            mutants: [
              {
                id: "1",
                mutatorName: "m",
                status: "Bogus",
                location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
              },
            ],
          },
        },
      }),
      /status must be one of/,
    ],
  ] as const)("merge rejects %s with exit 2", (name, text, message) => {
    const dir = join(base, "merge");
    mkdirSync(dir, { recursive: true });
    const mark = join(dir, "pwned");
    if (text !== null) writeFileSync(join(dir, name), text);
    const r = gremlinsCli(dir, ["merge", name], { MARK: mark });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(message);
    expect(existsSync(mark)).toBe(false);
  });
});

test("sandboxes, state, temp and cache directories are private (0700)", async () => {
  const fns = Array.from({ length: 3 }, (_, i) => `export const f${i} = (a: number) => a + ${i};\n`).join("");
  const tests = Array.from(
    { length: 3 },
    (_, i) =>
      `test("f${i}", async () => { await new Promise((r) => setTimeout(r, 300)); expect(f${i}(1)).toBe(${1 + i}); });\n`,
  ).join("");
  const root = project(
    bunFiles({ "src/f.ts": fns, "test/f.test.ts": `${T}import { f0, f1, f2 } from "../src/f.ts";\n${tests}` }),
  );
  const run = gremlinsStart(root, ["--workers", "1"], { executor: "spawn", cache: true });
  expect(await waitFor(() => sandboxes(root).some((n) => n.endsWith("-state")), 30_000)).toBe(true);
  const home = join(root, ".gremlins");
  const modes: Record<string, string> = { ".gremlins": (statSync(home).mode & 0o777).toString(8) };
  const state = join(home, sandboxes(root).find((n) => n.endsWith("-state")) as string);
  // The copies and temp dirs live outside the project, named by the sandbox's pointer file.
  const pointer = state.replace(/-state$/, "");
  const sandbox = readFileSync(pointer, "utf8").trim();
  await waitFor(() => existsSync(join(sandbox, "tmp", "w0")), 10_000);
  const paths: Record<string, string> = {
    "<pointer>": pointer,
    "<state>": state,
    "<state>/w0": join(state, "w0"),
    "<sandbox>": sandbox,
    "<sandbox>/w0": join(sandbox, "w0"),
    "<sandbox>/tmp/w0": join(sandbox, "tmp", "w0"),
  };
  for (const [key, path] of Object.entries(paths))
    if (existsSync(path)) modes[key] = (statSync(path).mode & 0o777).toString(8);
  await run.exit;
  modes.cache = (statSync(join(home, "cache")).mode & 0o777).toString(8);
  expect(modes).toEqual({
    ".gremlins": "700",
    "<pointer>": "600",
    "<state>": "700",
    "<state>/w0": "700",
    "<sandbox>": "700",
    "<sandbox>/w0": "700",
    "<sandbox>/tmp/w0": "700",
    cache: "700",
  });
}, 60_000);
