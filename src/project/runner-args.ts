// Reads the command-line words after `vitest [run]` and `jest`: the config, root and timeout options are
// honoured, options that only change output, coverage, watch mode or worker spreading are ignored, and the
// positional words are the runner's path filters. Anything else is the one reason to use spawn.

export interface RunnerArgs {
  /** `--config`/`-c`. */
  config?: string;
  /** vitest `--root`/`-r`. */
  root?: string;
  /** vitest `--dir`. */
  dir?: string;
  testTimeoutMs?: number;
  /** Environment the runner gives its test processes (jest --color: FORCE_COLOR). */
  env?: Record<string, string>;
  /** vitest `--exclude` globs (added to test.exclude). */
  exclude?: string[];
  /** Path filters (vitest: substrings; jest: regexes, `--testPathPattern(s)` included). */
  filters: string[];
  notes: string[];
}

type Kind =
  | "exclude"
  | "config"
  | "root"
  | "dir"
  | "timeout"
  | "filter"
  | "environment"
  | "color"
  | "ignored"
  | "ignored-value";

const VITEST: Record<string, Kind> = {
  "--config": "config",
  "-c": "config",
  "--root": "root",
  "-r": "root",
  "--dir": "dir",
  "--exclude": "exclude",
  "--testTimeout": "timeout",
  "--test-timeout": "timeout",
  "--environment": "environment",
  "--run": "ignored",
  "--watch": "ignored",
  "-w": "ignored",
  "--silent": "ignored",
  "--globals": "ignored",
  "--passWithNoTests": "ignored",
  "--coverage": "ignored",
  "--no-coverage": "ignored",
  "--bail": "ignored",
  "--no-file-parallelism": "ignored",
  "--fileParallelism": "ignored",
  "--isolate": "ignored",
  "--no-isolate": "ignored",
  "--no-color": "ignored",
  "--color": "ignored",
  "--allowOnly": "ignored",
  "--hideSkippedTests": "ignored",
  "--reporter": "ignored-value",
  "--outputFile": "ignored-value",
  "--pool": "ignored-value",
  "--maxWorkers": "ignored-value",
  "--minWorkers": "ignored-value",
  "--hookTimeout": "ignored-value",
  "--teardownTimeout": "ignored-value",
  "--logHeapUsage": "ignored",
  "--no-cache": "ignored",
  "--cache": "ignored",
};

const JEST: Record<string, Kind> = {
  "--config": "config",
  "-c": "config",
  "--testTimeout": "timeout",
  "--testPathPattern": "filter",
  "--testPathPatterns": "filter",
  "--env": "environment",
  "--testEnvironment": "environment",
  "--ci": "ignored",
  "--coverage": "ignored",
  "--collectCoverage": "ignored",
  "--runInBand": "ignored",
  "-i": "ignored",
  "--silent": "ignored",
  "--verbose": "ignored",
  "--passWithNoTests": "ignored",
  "--colors": "color",
  "--color": "color",
  "--no-color": "color",
  "--no-colors": "color",
  "--no-cache": "ignored",
  "--cache": "ignored",
  "--detectOpenHandles": "ignored",
  "--forceExit": "ignored",
  "--bail": "ignored",
  "--no-watchman": "ignored",
  "--watchman": "ignored",
  "--errorOnDeprecated": "ignored",
  "--json": "ignored",
  "--useStderr": "ignored",
  "--maxWorkers": "ignored-value",
  "-w": "ignored-value",
  "--reporters": "ignored-value",
  "--coverageReporters": "ignored-value",
  "--coverageDirectory": "ignored-value",
  "--outputFile": "ignored-value",
  "--logHeapUsage": "ignored",
  "--workerIdleMemoryLimit": "ignored-value",
};

/** The options of vitest or jest this reader knows to take a value (the spawn executor splits commands with them). */
export function runnerValueOptions(runner: "vitest" | "jest"): string[] {
  return Object.entries(runner === "vitest" ? VITEST : JEST)
    .filter(([, kind]) => kind !== "ignored" && kind !== "color")
    .map(([name]) => name);
}

/** Reads `args` of vitest or jest; a reason when an option is neither honoured nor known to be harmless. */
export function readRunnerArgs(runner: "vitest" | "jest", args: readonly string[]): RunnerArgs | { reason: string } {
  const table = runner === "vitest" ? VITEST : JEST;
  const out: RunnerArgs = { filters: [], notes: [] };
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (!word.startsWith("-") || word === "-") {
      out.filters.push(word);
      continue;
    }
    const eq = word.indexOf("=");
    const name = eq > 0 ? word.slice(0, eq) : word;
    const kind =
      table[name] ?? (name.startsWith("--coverage.") || name.startsWith("--reporter.") ? "ignored-value" : undefined);
    if (!kind) return { reason: `${runner} option ${name} is not honoured by the built-in harness` };
    const takesValue = kind !== "ignored" && kind !== "color";
    // Flags may carry `=false`/`=true`; value options take the next word unless given with `=`.
    const value = eq > 0 ? word.slice(eq + 1) : takesValue ? args[++i] : undefined;
    if (takesValue && value === undefined) return { reason: `${runner} option ${name} has no value` };
    switch (kind) {
      case "config":
        out.config = value;
        break;
      case "root":
        out.root = value;
        break;
      case "dir":
        out.dir = value;
        break;
      case "exclude":
        out.exclude = [...(out.exclude ?? []), value as string];
        break;
      case "filter":
        out.filters.push(value as string);
        break;
      case "timeout": {
        const ms = Number(value);
        if (!Number.isFinite(ms)) return { reason: `${runner} option ${name}=${value} is not a number` };
        out.testTimeoutMs = ms;
        break;
      }
      case "color": {
        // jest hands its test processes FORCE_COLOR=1 when it colours its output (matcher messages, and the
        // snapshots of them, then carry colour codes); --no-color or --color=false: none.
        const off = name.startsWith("--no-") || value === "false" || value === "never";
        out.env = { ...out.env, FORCE_COLOR: off ? "0" : "1" };
        out.notes.push(`honoured ${word}: the tests' matcher messages are ${off ? "not " : ""}coloured, as under jest`);
        break;
      }
      case "environment":
        if (value !== "node")
          return { reason: `${runner} option ${name} ${value} (the built-in harness runs tests in node only)` };
        break;
      default:
        out.notes.push(`ignored ${name} (output, coverage, watch mode or worker spreading only)`);
    }
  }
  return out;
}
