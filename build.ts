// Builds gremlins: the standalone executable per platform (`Bun.build` with `compile`, oxc-parser's
// native addon embedded) and the npm bundle `dist/gremlins.mjs`. Run: `./node_modules/.bin/bun build.ts --help`.
import { createHash } from "node:crypto";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { BunPlugin } from "bun";
import { parseSync } from "oxc-parser";
import { packArchive } from "./src/host/archive.ts";

const ROOT = import.meta.dir;
const DIST = join(ROOT, "dist");

/** The CLI entry point (`main(process.argv.slice(2))`). */
export const ENTRY = "src/cli/bin.ts";

/** Worker entry files (`src/**\/*.worker.ts`): the compiled binary hangs if a worker is not an entrypoint. */
export const WORKER_ENTRIES: readonly string[] = [...new Bun.Glob("src/**/*.worker.ts").scanSync({ cwd: ROOT })]
  .map((p) => p.replaceAll("\\", "/"))
  .sort();

/** The two built layouts: the standalone executable and the npm bundle in `dist/` (which the executable also carries). */
export type Layout = "binary" | "npm";

/** Modules of the Node host that are entries of their own (`node --import dist/host/ts-register.mjs`). */
export const HOST_ENTRIES: readonly string[] = ["src/host/ts-register.ts", "src/host/ts-hooks.ts"];

/**
 * Where a worker entry lands in a built layout, as a URL relative to the main bundle's `import.meta.url`:
 * - binary: every entry keeps its path under the repo root, `.ts` → `.js` (Bun's embedded file system puts the
 *   main bundle at `<bunfs>/root/gremlins-<target>`, so `./src/execute/thread/gremlins.worker.js`);
 * - npm: next to `dist/gremlins.mjs`, its path under `src/` kept, `.ts` → `.mjs` (`./execute/thread/gremlins.worker.mjs`).
 * From source there is no mapping: the code resolves `./<name>.worker.ts` against its own `import.meta.url`.
 */
export function workerUrl(layout: Layout, sourcePath: string): string {
  const path = sourcePath.replaceAll("\\", "/").replace(/^\.\//, "");
  return layout === "binary"
    ? `./${path.replace(/\.[cm]?ts$/, ".js")}`
    : `./${path.replace(/^src\//, "").replace(/\.[cm]?ts$/, ".mjs")}`;
}

/**
 * Build-time constants. `__GREMLINS_WORKERS__` maps each worker's source path (`src/…/x.worker.ts`) to
 * `workerUrl(layout, path)`; it is undefined when running from source. Code finds a worker with:
 *   typeof __GREMLINS_WORKERS__ === "object" ? new URL(__GREMLINS_WORKERS__["src/…/x.worker.ts"], import.meta.url)
 *                                            : new URL("./x.worker.ts", import.meta.url)
 * (both must be written in a module that is bundled into the main entry, not in the worker itself).
 */
export function buildDefines(layout: Layout, workers: readonly string[] = WORKER_ENTRIES): Record<string, string> {
  const map = Object.fromEntries(workers.map((w) => [w, workerUrl(layout, w)]));
  return { __GREMLINS_WORKERS__: JSON.stringify(map), __GREMLINS_LAYOUT__: JSON.stringify(layout) };
}

export interface Target {
  /** Bun's compile target. */
  bun: Bun.Build.CompileTarget;
  /** Suffix of oxc's platform package `@oxc-parser/binding-<suffix>` and its `parser.<suffix>.node`. */
  oxc: string;
  /** npm package Bun downloads its runtime for this target from. */
  runtime: string;
  exe: string;
}

export const TARGETS = {
  "linux-x64": { bun: "bun-linux-x64", oxc: "linux-x64-gnu", runtime: "@oven/bun-linux-x64", exe: "" },
  "linux-arm64": { bun: "bun-linux-arm64", oxc: "linux-arm64-gnu", runtime: "@oven/bun-linux-aarch64", exe: "" },
  "darwin-x64": { bun: "bun-darwin-x64", oxc: "darwin-x64", runtime: "@oven/bun-darwin-x64", exe: "" },
  "darwin-arm64": { bun: "bun-darwin-arm64", oxc: "darwin-arm64", runtime: "@oven/bun-darwin-aarch64", exe: "" },
  "windows-x64": { bun: "bun-windows-x64", oxc: "win32-x64-msvc", runtime: "@oven/bun-windows-x64", exe: ".exe" },
} as const satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;
const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];

/** A failure with a one-line reason; `needs` lists what would make it buildable. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly needs: string[] = [],
  ) {
    super(message);
  }
}

export function hostTarget(): TargetName {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const name = `${os}-${process.arch}`;
  if (!(name in TARGETS)) throw new BuildError(`no gremlins build target for this machine (${name})`);
  return name as TargetName;
}

export function binaryPath(name: TargetName): string {
  return join(DIST, `gremlins-${name}${TARGETS[name].exe}`);
}

const oxcDir = dirname(createRequire(join(ROOT, "package.json")).resolve("oxc-parser/package.json"));
const oxcVersion = (JSON.parse(readFileSync(join(oxcDir, "package.json"), "utf8")) as { version: string }).version;

/** The `require()` specifier of a target's oxc addon, after checking its package is installed at oxc's version. */
export function oxcAddon(name: TargetName): { specifier: string; file: string } {
  const { oxc } = TARGETS[name];
  const pkg = `@oxc-parser/binding-${oxc}`;
  const specifier = `${pkg}/parser.${oxc}.node`;
  let file: string;
  let version: string;
  try {
    const req = createRequire(join(oxcDir, "package.json"));
    version = (req(`${pkg}/package.json`) as { version: string }).version;
    file = req.resolve(specifier);
  } catch {
    throw new BuildError(`oxc's native addon for ${name} is not installed (${pkg})`, [
      `${pkg}@${oxcVersion} in node_modules: it is an optional dependency of oxc-parser that npm installs only for ` +
        `the host platform (e.g. \`npm install --no-save --force ${pkg}@${oxcVersion}\`)`,
    ]);
  }
  if (version !== oxcVersion) {
    throw new BuildError(`${pkg} is ${version} but oxc-parser is ${oxcVersion}`, [`${pkg}@${oxcVersion}`]);
  }
  return { specifier, file };
}

/** The names oxc's own `src-js/bindings.js` exports, read from its source so oxc upgrades are followed. */
export function bindingExportNames(bindingsSource: string): string[] {
  const result = parseSync("bindings.js", bindingsSource, { sourceType: "module" });
  const names = result.module.staticExports.flatMap((e) =>
    e.entries.map((entry) => (entry.exportName.kind === "Name" ? entry.exportName.name : null)),
  );
  if (result.errors.length > 0 || names.includes(null) || names.length === 0) {
    throw new BuildError("oxc-parser's src-js/bindings.js has an unexpected shape; update build.ts");
  }
  return names as string[];
}

/** Module text replacing oxc's loader: ONE static require (so Bun embeds the addon), then its names. */
export function bindingShim(specifier: string, names: string[]): string {
  const lines = [
    "// Generated by gremlins build.ts: oxc's native addon through one static require, which Bun embeds.",
    "let binding;",
    "try {",
    `  binding = require(${JSON.stringify(specifier)});`,
    "} catch (error) {",
    "  // The executable extracts the addon into the temp dir first: the usual cause is an unwritable TMPDIR.",
    '  const dir = process.env.TMPDIR || process.env.TEMP || process.env.TMP || "the system temp dir";',
    '  const reason = String((error && error.message) || error).split("\\n")[0];',
    "  console.error(`gremlins: cannot load the oxc parser addon (${reason}); ${dir} must be a writable directory (set TMPDIR)`);",
    "  process.exit(2);",
    "}",
  ];
  for (const name of names) {
    lines.push(
      name === "__napiBindingTarget"
        ? `export const __napiBindingTarget = "native";`
        : `export const ${name} = binding.${name};`,
    );
  }
  return lines.join("\n") + "\n";
}

function embedOxcAddon(specifier: string): BunPlugin {
  return {
    name: "gremlins-embed-oxc-addon",
    setup(build) {
      build.onLoad({ filter: /[\\/]oxc-parser[\\/]src-js[\\/]bindings\.js$/ }, async (args) => ({
        loader: "js",
        contents: bindingShim(specifier, bindingExportNames(await Bun.file(args.path).text())),
      }));
    },
  };
}

/** On the host, checks that the addon really has every name the shim re-exports (catches oxc drift). */
function checkHostAddon(file: string, names: string[]): void {
  const addon = createRequire(import.meta.url)(file) as Record<string, unknown>;
  const missing = names.filter((n) => !n.startsWith("__napi") && !(n in addon));
  if (missing.length > 0) throw new BuildError(`oxc's addon lacks ${missing.join(", ")}; update build.ts`);
}

/** The module the executable build replaces with the files it carries (src/host/payload.ts). */
const PAYLOAD_MODULE = /[\\/]src[\\/]host[\\/]payload\.ts$/;

/** Where the executable's host copy is staged before it is embedded. */
export function hostStageDir(name: TargetName): string {
  return join(DIST, `.host-${name}`);
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * Stages the copy of gremlins the executable carries for projects of another runtime (src/host/): the npm
 * bundle (CLI, workers, Node TypeScript hooks) plus oxc-parser's JS and the target's addon package in
 * node_modules/, so `node gremlins.mjs` resolves them as an npm install does. Returns the relative file list.
 */
export async function stageHost(
  name: TargetName,
  dir: string = hostStageDir(name),
  workers: readonly string[] = WORKER_ENTRIES,
): Promise<string[]> {
  rmSync(dir, { recursive: true, force: true });
  await buildNpmBundle({ outDir: dir, workers, types: false });
  rmSync(join(dir, "index.mjs"), { force: true }); // the public API is for `import "gremlins"`, not for a run
  const oxcCopy = join(dir, "node_modules/oxc-parser");
  mkdirSync(oxcCopy, { recursive: true });
  copyFileSync(join(oxcDir, "package.json"), join(oxcCopy, "package.json"));
  cpSync(join(oxcDir, "src-js"), join(oxcCopy, "src-js"), { recursive: true, filter: (p) => !p.endsWith(".d.ts") });
  const addonDir = dirname(oxcAddon(name).file);
  const addonCopy = join(dir, "node_modules", `@oxc-parser/binding-${TARGETS[name].oxc}`);
  mkdirSync(addonCopy, { recursive: true });
  for (const file of readdirSync(addonDir))
    if (file === "package.json" || file.endsWith(".node")) copyFileSync(join(addonDir, file), join(addonCopy, file));
  for (const file of filesUnder(dir)) if (file.endsWith(".mjs")) localOxcImports(join(dir, file), oxcCopy);
  return filesUnder(dir);
}

/**
 * Points the staged modules' `oxc-parser` imports at the copy by relative path: `deno run` of the copy resolves
 * bare specifiers through the project's deno.json (its import map and workspace), where oxc-parser is not a
 * dependency; a relative path resolves the same under Node, Deno and Bun, whatever the project's config.
 */
export function localOxcImports(file: string, oxcCopy: string): void {
  const text = readFileSync(file, "utf8");
  const base = relative(dirname(file), oxcCopy).replaceAll("\\", "/");
  const rewritten = text.replace(
    /((?:from|import)\s*\(?\s*)"oxc-parser(\/[^"]*)?"/g,
    (_m, head: string, sub: string | undefined) => {
      const path = sub === undefined ? "/src-js/index.js" : /\.[cm]?js$/.test(sub) ? sub : `${sub}.js`;
      return `${head}"${base.startsWith(".") ? base : `./${base}`}${path}"`;
    },
  );
  if (rewritten !== text) writeFileSync(file, rewritten);
}

/** Content hash of a staged host copy (names and bytes): the name of its extraction directory. */
export function hostHash(dir: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, file)))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}

/**
 * Packs a staged host copy into one gzipped archive (src/host/archive.ts's format) and replaces
 * src/host/payload.ts with an import that makes Bun embed it (`with { type: "file" }`).
 */
function carryHost(dir: string, files: readonly string[]): BunPlugin {
  const archive = `${dir}.archive`;
  writeFileSync(archive, packArchive(files.map((f) => [f, readFileSync(join(dir, f))] as const)));
  const contents = `import archive from ${JSON.stringify(archive)} with { type: "file" };\nexport const PAYLOAD = { hash: ${JSON.stringify(hostHash(dir, files))}, archive };\n`;
  return {
    name: "gremlins-carry-host",
    setup(build) {
      build.onLoad({ filter: PAYLOAD_MODULE }, () => ({ loader: "js", contents }));
    },
  };
}

function firstLog(error: unknown): string {
  const logs = error instanceof AggregateError ? error.errors : [error];
  const first = logs[0] as { message?: string; position?: { file?: string; line?: number } } | undefined;
  const where = first?.position?.file ? ` (${relative(ROOT, first.position.file)}:${first.position.line})` : "";
  return (first?.message ?? String(error)).split("\n")[0] + where;
}

export interface Built {
  path: string;
  bytes: number;
  ms: number;
}

export interface BinaryOptions {
  entry?: string;
  /** Worker entries (repo-relative) instead of `WORKER_ENTRIES` (tests). */
  workers?: readonly string[];
  /** Output path instead of `dist/gremlins-<target>` (tests). */
  outfile?: string;
  /** A Bun runtime binary for the target, instead of the one Bun downloads. */
  bunExecutable?: string;
  /** Carry the host copy (src/host/payload.ts); default: only for the real CLI entry. */
  host?: boolean;
}

/** Builds `dist/gremlins-<name>` (a standalone executable that needs nothing installed). */
export async function buildBinary(name: TargetName, options: BinaryOptions = {}): Promise<Built> {
  const target = TARGETS[name];
  const addon = oxcAddon(name);
  const entry = options.entry ?? ENTRY;
  if (!existsSync(resolve(ROOT, entry))) throw new BuildError(`entry ${entry} does not exist`);
  if (name === hostTarget()) {
    checkHostAddon(addon.file, bindingExportNames(readFileSync(join(oxcDir, "src-js/bindings.js"), "utf8")));
  }
  const outfile = options.outfile ?? binaryPath(name);
  const workers = options.workers ?? WORKER_ENTRIES;
  mkdirSync(dirname(outfile), { recursive: true });
  const started = performance.now();
  const plugins = [embedOxcAddon(addon.specifier)];
  if (options.host ?? entry === ENTRY) {
    const stage = hostStageDir(name);
    plugins.push(carryHost(stage, await stageHost(name, stage, workers)));
  }
  try {
    await Bun.build({
      entrypoints: [resolve(ROOT, entry), ...workers.map((w) => join(ROOT, w))],
      root: ROOT,
      define: buildDefines("binary", workers),
      plugins,
      minify: { whitespace: true, syntax: true },
      sourcemap: "linked",
      compile: {
        target: target.bun,
        outfile,
        ...(options.bunExecutable ? { executablePath: options.bunExecutable } : {}),
        // The binary runs inside users' projects: their .env / bunfig.toml are theirs, not ours.
        autoloadDotenv: false,
        autoloadBunfig: false,
      },
    });
  } catch (error) {
    const reason = firstLog(error);
    const needs =
      name === hostTarget() || options.bunExecutable
        ? []
        : [
            `Bun's runtime for ${target.bun} (${target.runtime}@${Bun.version}), which Bun downloads from the npm ` +
              `registry, or a copy of it passed with --bun-executable <path>`,
          ];
    throw new BuildError(`bun could not build ${basename(outfile)}: ${reason}`, needs);
  }
  // The source map is embedded in the executable (for stack traces); the copy Bun writes beside it is noise.
  rmSync(`${outfile}.map`, { force: true });
  for (const w of workers)
    rmSync(join(dirname(outfile), `${basename(w).replace(/\.[cm]?ts$/, ".js")}.map`), { force: true });
  return { path: outfile, bytes: statSync(outfile).size, ms: performance.now() - started };
}

/**
 * Drops a leading hashbang and Bun's `// @bun` pragma: Bun adds the pragma (even for target "node") when the
 * entry's hashbang names bun, and then runs the file without transpiling it, which breaks on the bundle's
 * non-ASCII identifiers (weapon-regex's Scala.js output). The bundle is imported, so it needs no hashbang.
 */
export function withoutBunPragma(code: string): string {
  return code.replace(/^#![^\n]*\n/, "").replace(/^\/\/ @bun[^\n]*\n/, "");
}

/** The public API (`defineConfig`, types) for `import { defineConfig } from "gremlins"`: `dist/index.mjs`. */
export const API_ENTRY = "src/index.ts";

export interface NpmOptions {
  entry?: string;
  /** Worker entries (repo-relative) instead of `WORKER_ENTRIES` (tests). */
  workers?: readonly string[];
  /** Output directory instead of `dist/` (tests). */
  outDir?: string;
  /** Emit `types/` with tsc (default true; it takes a few seconds). */
  types?: boolean;
}

/**
 * Builds `dist/gremlins.mjs` (the CLI: one ESM file for Node >= 20, Bun and Deno, oxc-parser external so it
 * loads its own platform addon), `dist/index.mjs` (the public API), and each worker and Node host module
 * (HOST_ENTRIES) at `workerUrl("npm", …)`.
 */
export async function buildNpmBundle(options: NpmOptions = {}): Promise<Built> {
  const entry = options.entry ?? ENTRY;
  const workers = options.workers ?? WORKER_ENTRIES;
  const outDir = options.outDir ?? DIST;
  if (!existsSync(resolve(ROOT, entry))) throw new BuildError(`entry ${entry} does not exist`);
  const extra = [...workers, ...HOST_ENTRIES];
  const sources = [entry, API_ENTRY, ...extra].map((s) => relative(ROOT, resolve(ROOT, s)).replaceAll("\\", "/"));
  const started = performance.now();
  let outputs: Bun.BuildArtifact[];
  try {
    ({ outputs } = await Bun.build({
      entrypoints: sources.map((s) => join(ROOT, s)),
      root: ROOT,
      target: "node",
      format: "esm",
      external: ["oxc-parser"],
      define: buildDefines("npm", workers),
    }));
  } catch (error) {
    throw new BuildError(`bun could not bundle ${entry}: ${firstLog(error)}`);
  }
  // Each output is named after its source (`./src/cli/bin.js`); find each source's output by that name.
  const bySource = (source: string) =>
    outputs.find((o) => o.path.replace(/^\.\//, "") === source.replace(/\.[^./]+$/, ".js"));
  const targets: [string, string][] = [
    [sources[0] as string, "gremlins.mjs"],
    [sources[1] as string, "index.mjs"],
    ...extra.map((w, i): [string, string] => [sources[i + 2] as string, workerUrl("npm", w)]),
  ];
  if (outputs.length !== targets.length || targets.some(([source]) => !bySource(source))) {
    throw new BuildError(`unexpected bundle outputs: ${outputs.map((o) => o.path).join(", ")}`);
  }
  for (const [source, out] of targets) {
    const file = join(outDir, out);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, withoutBunPragma(await (bySource(source) as Bun.BuildArtifact).text()));
  }
  if (options.types !== false) emitApiTypes(join(outDir, "types"));
  const path = join(outDir, "gremlins.mjs");
  return { path, bytes: statSync(path).size, ms: performance.now() - started };
}

/** `dist/types/index.d.ts` (and what it imports) for the public API, with TypeScript's own compiler. */
function emitApiTypes(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  if (!existsSync(tsc)) throw new BuildError("typescript is not installed (a devDependency): cannot emit dist/types");
  const flags = ["--declaration", "--emitDeclarationOnly", "--outDir", outDir, "--allowImportingTsExtensions"];
  flags.push(
    "--module",
    "nodenext",
    "--target",
    "es2022",
    "--strict",
    "--skipLibCheck",
    "--types",
    "node",
    "--resolveJsonModule",
  );
  const result = Bun.spawnSync([process.execPath, tsc, API_ENTRY, ...flags], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  if (result.exitCode !== 0) {
    throw new BuildError(
      `tsc could not emit the API types: ${(result.stdout.toString() + result.stderr.toString()).trim().split("\n")[0]}`,
    );
  }
}

function report(built: Built): void {
  const size = built.bytes > 1e6 ? `${(built.bytes / 1e6).toFixed(1)} MB` : `${(built.bytes / 1e3).toFixed(1)} kB`;
  console.log(`built ${relative(process.cwd(), built.path)} (${size}) in ${(built.ms / 1000).toFixed(1)} s`);
}

function writeChecksums(paths: string[]): void {
  const lines = paths.map((p) => `${createHash("sha256").update(readFileSync(p)).digest("hex")}  ${basename(p)}`);
  writeFileSync(join(DIST, "SHA256SUMS"), lines.join("\n") + "\n");
  console.log(`wrote ${relative(process.cwd(), join(DIST, "SHA256SUMS"))} (${paths.length} file(s))`);
}

const HELP = `Usage: bun build.ts [options]

  (no options)          host executable (dist/gremlins-${TARGET_NAMES.includes(safeHost()) ? safeHost() : "<target>"}) and the npm bundle
  --target <name>       executable for one target: ${TARGET_NAMES.join(", ")}
  --all                 every target that can be built here, dist/SHA256SUMS, and what the others need
  --npm                 only the npm bundle dist/gremlins.mjs (Node >= 20, Bun, Deno; oxc-parser external)
  --bun-executable <p>  Bun runtime binary for --target (offline cross-compiling)
  --entry <file>        entry point instead of ${ENTRY} (development)

A target other than the host needs oxc's addon package for it (@oxc-parser/binding-<platform>,
an optional dependency npm installs only for the host) and Bun's runtime for it (downloaded by Bun).`;

function safeHost(): TargetName {
  try {
    return hostTarget();
  } catch {
    return "linux-x64";
  }
}

function printNeeds(name: TargetName, error: BuildError): void {
  console.error(`skipped ${name}: ${error.message}`);
  for (const need of error.needs) console.error(`  needs ${need}`);
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: "string" },
      all: { type: "boolean" },
      npm: { type: "boolean" },
      "bun-executable": { type: "string" },
      entry: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const entry = values.entry;
  if (values.target !== undefined && !(values.target in TARGETS)) {
    throw new BuildError(`unknown target "${values.target}" (targets: ${TARGET_NAMES.join(", ")})`);
  }
  if (values.npm) {
    report(await buildNpmBundle({ entry }));
    return 0;
  }
  if (values.target) {
    const name = values.target as TargetName;
    report(await buildBinary(name, { entry, bunExecutable: values["bun-executable"] }));
    return 0;
  }
  if (!values.all) {
    report(await buildBinary(hostTarget(), { entry }));
    report(await buildNpmBundle({ entry }));
    return 0;
  }
  const built: string[] = [];
  let failed = false;
  for (const name of [hostTarget(), ...TARGET_NAMES.filter((n) => n !== hostTarget())]) {
    try {
      if (name !== hostTarget()) oxcAddon(name); // skip quickly, before Bun tries any download
      const result = await buildBinary(name, { entry });
      report(result);
      built.push(result.path);
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      if (name === hostTarget()) failed = true;
      const runtime = `Bun's runtime for ${TARGETS[name].bun} (${TARGETS[name].runtime}@${Bun.version}), which bun build downloads from the npm registry, or a copy passed with --target ${name} --bun-executable <path>`;
      const needsRuntime = name !== hostTarget() && !error.needs.some((n) => n.startsWith("Bun's runtime"));
      printNeeds(name, needsRuntime ? new BuildError(error.message, [...error.needs, runtime]) : error);
    }
  }
  const npm = await buildNpmBundle({ entry });
  report(npm);
  rmSync(join(DIST, "SHA256SUMS"), { force: true });
  // The release files are the executables (the npm bundle ships through the registry, which has its own integrity).
  if (built.length > 0) writeChecksums(built);
  if (failed) throw new BuildError("the host target did not build");
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof BuildError) for (const need of error.needs) console.error(`  needs ${need}`);
    process.exitCode = 1;
  }
}
