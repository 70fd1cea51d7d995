// Expands a test command into the plain steps it runs: `&&` chains split, `VAR=x` / `cross-env` / `env`
// prefixes taken as environment, `npx` / `pnpm exec` / `bunx` and coverage wrappers (`nyc`, `c8`)
// peeled off, and `npm test` / `npm run x` / `pnpm x` / `yarn x` / `bun run x` replaced by package.json
// scripts, recursively (with a cycle guard).

import { readPackageJson, stringEntries } from "../util/package-json.ts";
import { shellSplit, type Word } from "./shell-words.ts";

/** One simple command of the expanded chain. */
export interface Step {
  /** Program first (a path such as node_modules/.bin/mocha is kept as written). */
  words: Word[];
  /** `VAR=x` assignments from prefixes (`cross-env`, `env`, plain `VAR=x`), in order. */
  env: Record<string, string>;
  /** The package.json scripts this step came from, outermost first (`["test", "test:unit"]`). */
  scripts: string[];
  /** Coverage wrappers peeled off (`nyc`, `c8`): harmless, gremlins does its own coverage. */
  wrappers: string[];
}

export type Expansion = { steps: Step[] } | { problem: string };

interface Context {
  scripts: Record<string, string>;
  /** Script names being expanded (outermost first): the cycle guard. */
  chain: string[];
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const COVERAGE_WRAPPERS = new Set(["nyc", "c8"]);
/** Options of nyc / c8 that take a value as the next word (every other option is a switch). */
const WRAPPER_VALUE_OPTIONS = new Set([
  "-r",
  "--reporter",
  "-n",
  "--include",
  "-x",
  "--exclude",
  "-e",
  "--extension",
  "-t",
  "--temp-dir",
  "--temp-directory",
  "--report-dir",
  "-o",
  "--reports-dir",
  "--cwd",
  "--nycrc-path",
  "--config",
  "--src",
  "--branches",
  "--lines",
  "--functions",
  "--statements",
  "--watermarks",
  "--exclude-node-modules",
]);
/** nyc's own preload option (`-i` / `--require`): it changes what the tests load. */
const WRAPPER_PRELOAD = new Set(["-i", "--require"]);
/** Package-manager options that only change output or tolerate a missing script. */
const PM_QUIET = new Set([
  "-s",
  "--silent",
  "--if-present",
  "-q",
  "--quiet",
  "--loglevel=silent",
  "--no-color",
  "--color",
]);
/** Package managers' own commands: `pnpm <x>` / `yarn <x>` / `bun <x>` runs a script only when x is none of these. */
const PM_COMMANDS = new Set([
  "install",
  "i",
  "add",
  "remove",
  "rm",
  "update",
  "up",
  "link",
  "unlink",
  "publish",
  "pack",
  "init",
  "create",
  "why",
  "outdated",
  "audit",
  "config",
  "store",
  "info",
  "view",
  "build",
  "upgrade",
  "patch",
]);

/** The steps `command` runs in the project at `root`, or why it cannot be read without a shell. */
export function expandCommand(root: string, command: string): Expansion {
  return expand(command, [], { scripts: stringEntries(readPackageJson(root), "scripts"), chain: [] });
}

function expand(command: string, extra: Word[], ctx: Context): Expansion {
  const split = shellSplit(command);
  if ("problem" in split) return { problem: `"${command}" cannot be read: ${split.problem}` };
  const groups: Word[][] = [[]];
  for (const token of split.tokens) {
    if ("word" in token) (groups[groups.length - 1] as Word[]).push(token.word);
    else if (token.op === "&&" || token.op === ";") groups.push([]);
    else return { problem: `"${command}" uses "${token.op}", which only a shell can run` };
  }
  const nonEmpty = groups.filter((g) => g.length > 0);
  // npm and friends append extra arguments to the script's text: they reach the chain's last command.
  if (extra.length > 0 && nonEmpty.length > 0) nonEmpty[nonEmpty.length - 1]!.push(...extra);
  const steps: Step[] = [];
  for (const words of nonEmpty) {
    const more = simple(words, {}, [], ctx);
    if ("problem" in more) return more;
    steps.push(...more.steps);
  }
  return { steps };
}

/** Peels prefixes and wrappers off one simple command; scripts expand recursively. */
function simple(input: Word[], envIn: Record<string, string>, wrappersIn: string[], ctx: Context): Expansion {
  const words = [...input];
  const env = { ...envIn };
  const wrappers = [...wrappersIn];
  const assign = (): void => {
    let m: RegExpExecArray | null;
    while (words.length > 0 && (m = ASSIGNMENT.exec(words[0]!.text))) {
      env[m[1] as string] = m[2] as string;
      words.shift();
    }
  };
  for (;;) {
    assign();
    const head = words[0]?.text;
    if (head === undefined) return { steps: [] };
    const name = head.split("/").pop() as string;
    if (name === "cross-env" || name === "env") {
      words.shift();
      while (name === "env" && words[0]?.text.startsWith("-")) {
        if (words[0].text === "-i" || words[0].text === "-u")
          return { problem: `"env ${words[0].text}" is not read by gremlins` };
        words.shift();
      }
      continue;
    }
    if (name === "cross-env-shell")
      return { problem: "cross-env-shell runs its command through a shell gremlins does not emulate" };
    if (name === "npx" || name === "bunx") {
      words.shift();
      while (words[0]?.text.startsWith("-")) {
        const flag = words.shift()!.text;
        if (flag === "-p" || flag === "--package")
          return { problem: `"${name} ${flag}" installs packages at run time` };
      }
      continue;
    }
    if (
      (name === "pnpm" || name === "yarn" || name === "npm" || name === "bun") &&
      /^(exec|dlx|x)$/.test(words[1]?.text ?? "") &&
      !(name === "bun" && words[1]?.text !== "x")
    ) {
      words.splice(0, 2);
      if (words[0]?.text === "--") words.shift();
      continue;
    }
    if (COVERAGE_WRAPPERS.has(name)) {
      words.shift();
      if (/^(report|check-coverage|merge|instrument)$/.test(words[0]?.text ?? "")) {
        words.unshift({ text: name, glob: false }, ...words.splice(0));
        break;
      }
      while (words[0]?.text.startsWith("-")) {
        const flag = words.shift()!.text;
        const key = flag.split("=")[0] as string;
        if (name === "nyc" && WRAPPER_PRELOAD.has(key))
          return { problem: `nyc ${key} (a preload for the tests) is not read by gremlins` };
        if (!flag.includes("=") && WRAPPER_VALUE_OPTIONS.has(key)) words.shift();
      }
      if (words[0]?.text === "--") words.shift();
      wrappers.push(name);
      continue;
    }
    if (name === "npm" || name === "pnpm" || name === "yarn" || name === "bun") {
      const script = scriptCall(name, words.slice(1), ctx);
      if (script === null) break;
      if ("problem" in script) return script;
      if ("exec" in script) {
        words.splice(0, words.length, ...script.exec);
        continue;
      }
      return runScript(script.name, script.extra, env, wrappers, ctx, name === "npm");
    }
    break;
  }
  return { steps: [{ words, env, scripts: [...ctx.chain], wrappers }] };
}

/** `npm test` / `npm run x -- args` / `pnpm x args` / `yarn run x` / `bun run x`: the script and its extra arguments; null when not a script call. */
function scriptCall(
  pm: string,
  rest: Word[],
  ctx: Context,
): { name: string; extra: Word[] } | { exec: Word[] } | { problem: string } | null {
  const args = rest.filter((w) => !PM_QUIET.has(w.text));
  const bad = args.find(
    (w, i) =>
      /^(-w|--workspace|--workspaces|-r|--recursive|--filter|-F|--prefix|-C|--dir|--cwd)(=|$)/.test(w.text) &&
      (i === 0 || args[i - 1]?.text !== "--"),
  );
  const first = args[0]?.text;
  if (first === undefined) return null;
  let name: string | undefined;
  let extra: Word[];
  if (first === "test" || first === "t" || first === "tst") {
    if (pm === "bun" && first === "test") return null;
    name = "test";
    extra = args.slice(1);
  } else if (first === "run" || first === "run-script" || first === "rum" || first === "urn") {
    name = args[1]?.text;
    extra = args.slice(2);
    if (name === undefined) return null;
    if (pm === "pnpm" && /^\/.*\/$/.test(name))
      return { problem: `"pnpm run ${name}" runs every script matching a pattern, which gremlins does not follow` };
  } else if (pm !== "npm" && !first.startsWith("-") && !PM_COMMANDS.has(first)) {
    // pnpm / yarn / bun: `pm <name>` runs the script, else the binary of that name.
    if (ctx.scripts[first] === undefined) return { exec: args };
    name = first;
    extra = args.slice(1);
  } else {
    return null;
  }
  if (bad)
    return {
      problem: `"${pm} ${rest.map((w) => w.text).join(" ")}" runs scripts across workspaces or another folder, which gremlins does not follow`,
    };
  // npm passes only what follows `--`; pnpm, yarn and bun pass everything after the script name.
  if (pm === "npm") {
    const dash = extra.findIndex((w) => w.text === "--");
    extra = dash < 0 ? [] : extra.slice(dash + 1);
  } else if (extra[0]?.text === "--") {
    extra = extra.slice(1);
  }
  // `pnpm run vitest` / `bun run mocha` with no such script runs the binary.
  if (pm !== "npm" && name !== "test" && ctx.scripts[name] === undefined)
    return { exec: [...args.slice(1, 2), ...extra] };
  return { name, extra };
}

function runScript(
  name: string,
  extra: Word[],
  env: Record<string, string>,
  wrappers: string[],
  ctx: Context,
  prePost: boolean,
): Expansion {
  const text = ctx.scripts[name];
  if (text === undefined) return { problem: `package.json has no "${name}" script` };
  if (ctx.chain.includes(name))
    return { problem: `the package.json script "${name}" calls itself (${[...ctx.chain, name].join(" → ")})` };
  const inner: Context = { scripts: ctx.scripts, chain: [...ctx.chain, name] };
  const steps: Step[] = [];
  // npm runs `pre<name>` and `post<name>` around a script (pnpm and yarn 2+ do not).
  const parts = prePost ? [`pre${name}`, name, `post${name}`] : [name];
  for (const part of parts) {
    const body = ctx.scripts[part];
    if (body === undefined) continue;
    const partCtx: Context = part === name ? inner : { scripts: ctx.scripts, chain: [...ctx.chain, part] };
    if (part !== name && ctx.chain.includes(part)) continue;
    const expanded = expand(body, part === name ? extra : [], partCtx);
    if ("problem" in expanded) return expanded;
    for (const step of expanded.steps)
      steps.push({ ...step, env: { ...env, ...step.env }, wrappers: [...wrappers, ...step.wrappers] });
  }
  return { steps };
}
