// The executable's host copy: the archive format round trip, and extraction into a content-hashed cache
// directory that is done once, survives concurrent runs and replaces a half-deleted copy.
import { afterEach, describe, expect, test } from "bun:test";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  statSync,
  utimesSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packArchive, unpackArchive } from "../../../src/host/archive.ts";
import { cacheRoots, extractPayload, pruneStale } from "../../../src/host/extract.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "gremlins-host-unit-"));
  dirs.push(d);
  return d;
};

const FILES: [string, Buffer][] = [
  ["gremlins.mjs", Buffer.from("console.log('cli')\n")],
  ["execute/thread/gremlins.worker.mjs", Buffer.from("// worker\n")],
  ["node_modules/@oxc-parser/binding/parser.node", Buffer.from([0, 1, 2, 255])],
];

function payload(dir: string, hash = "abc123"): { hash: string; archive: string } {
  const archive = join(dir, "payload.archive");
  writeFileSync(archive, packArchive(FILES));
  return { hash, archive };
}

describe("archive", () => {
  test("round-trips paths and bytes", () => {
    expect(unpackArchive(packArchive(FILES)).map(([p, b]) => [p, [...b]])).toEqual(FILES.map(([p, b]) => [p, [...b]]));
  });

  test("refuses paths that leave the copy", () => {
    expect(() => unpackArchive(packArchive([["../evil.js", Buffer.from("x")]]))).toThrow(
      "bad path in the archive: ../evil.js",
    );
  });
});

describe("extractPayload", () => {
  test("unpacks once into host-<hash>, then reuses it", () => {
    const root = join(temp(), "cache");
    const p = payload(temp());
    const first = extractPayload(p, [root]);
    expect(first).toEqual({ dir: join(root, "host-abc123"), extracted: true });
    expect(readFileSync(join(first.dir, "execute/thread/gremlins.worker.mjs"), "utf8")).toBe("// worker\n");
    expect(extractPayload(p, [root])).toEqual({ dir: first.dir, extracted: false });
    expect(readdirSync(root)).toEqual(["host-abc123"]); // no temp dirs left behind
  });

  test("concurrent runs (separate processes) all end with one complete copy", async () => {
    const root = join(temp(), "cache");
    const p = payload(temp());
    const module = new URL("../../../src/host/extract.ts", import.meta.url).pathname;
    const script = `const { extractPayload } = await import(${JSON.stringify(module)}); console.log(extractPayload(${JSON.stringify(p)}, [${JSON.stringify(root)}]).dir);`;
    const runs = Array.from({ length: 4 }, () =>
      Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" }),
    );
    const outputs = await Promise.all(
      runs.map(async (r) => ({ code: await r.exited, out: (await new Response(r.stdout).text()).trim() })),
    );
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 0]);
    expect(new Set(outputs.map((o) => o.out))).toEqual(new Set([join(root, "host-abc123")]));
    expect(readdirSync(root)).toEqual(["host-abc123"]);
    expect(readFileSync(join(root, "host-abc123/gremlins.mjs"), "utf8")).toBe("console.log('cli')\n");
  });

  test("replaces a copy a temp cleaner half deleted", () => {
    const root = join(temp(), "cache");
    const p = payload(temp());
    const { dir } = extractPayload(p, [root]);
    rmSync(join(dir, "gremlins.mjs"));
    expect(extractPayload(p, [root]).extracted).toBe(true);
    expect(existsSync(join(dir, "gremlins.mjs"))).toBe(true);
  });

  test("falls back to the next root, and fails with one line naming every root", () => {
    const base = temp();
    const blocked = join(base, "file");
    writeFileSync(blocked, "not a dir");
    const good = join(base, "good");
    expect(extractPayload(payload(base), [join(blocked, "x"), good]).dir).toBe(join(good, "host-abc123"));
    expect(() => extractPayload(payload(base), [join(blocked, "x")])).toThrow(
      /^cannot unpack gremlins' runtime files \(.*file\/x: .*\); set XDG_CACHE_HOME or TMPDIR to a writable directory$/,
    );
  });

  test("a new version removes other versions' copies unused for two weeks, not recent ones or the current one", () => {
    const root = join(temp(), "cache");
    const old = extractPayload(payload(temp(), "old"), [root]).dir;
    const recent = extractPayload(payload(temp(), "recent"), [root]).dir;
    const weeksAgo = new Date(Date.now() - 15 * 24 * 3600 * 1000);
    utimesSync(join(old, ".complete"), weeksAgo, weeksAgo);
    mkdirSync(join(root, "host-being-written")); // no marker yet: left alone
    const current = extractPayload(payload(temp(), "new"), [root]).dir;
    expect(readdirSync(root).sort()).toEqual(["host-being-written", "host-new", "host-recent"]);
    expect([existsSync(recent), existsSync(current), pruneStale(root, current)]).toEqual([true, true, []]);
  });

  test("reusing a copy marks it as used", () => {
    const root = join(temp(), "cache");
    const p = payload(temp());
    const { dir } = extractPayload(p, [root]);
    const weeksAgo = new Date(Date.now() - 15 * 24 * 3600 * 1000);
    utimesSync(join(dir, ".complete"), weeksAgo, weeksAgo);
    extractPayload(p, [root]);
    expect(Date.now() - statSync(join(dir, ".complete")).mtimeMs).toBeLessThan(60_000);
  });

  test("cache roots: XDG first, then ~/.cache, then a per-user dir in TMPDIR", () => {
    const roots = cacheRoots({ XDG_CACHE_HOME: "/xdg", HOME: "/home/u" });
    expect(roots.slice(0, 2)).toEqual(["/xdg/gremlins", "/home/u/.cache/gremlins"]);
    expect(roots[2]).toMatch(/gremlins-\d+$/);
  });
});
