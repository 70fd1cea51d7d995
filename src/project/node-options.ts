// Node's own command-line options (`node [options] [script]`): which take a value as the next word,
// so the options can be told from the file arguments of `node --test`.

/** Node options that take a value as the next word when written without `=`. */
export const NODE_VALUE_OPTIONS = new Set([
  "-C",
  "--conditions",
  "-r",
  "--require",
  "--import",
  "--loader",
  "--experimental-loader",
  "--test-timeout",
  "--test-concurrency",
  "--test-name-pattern",
  "--test-skip-pattern",
  "--test-reporter",
  "--test-reporter-destination",
  "--test-shard",
  "--env-file",
  "--env-file-if-exists",
  "--input-type",
  "--watch-path",
  "--inspect-port",
  "--title",
  "--disable-warning",
  "--stack-size",
  "--max-old-space-size",
  "--max-semi-space-size",
  "--experimental-config-file",
  "--test-coverage-include",
  "--test-coverage-exclude",
  "--test-isolation",
  "--unhandled-rejections",
  "--dns-result-order",
  "--redirect-warnings",
  "--icu-data-dir",
  "--openssl-config",
  "--secure-heap",
  "--heapsnapshot-signal",
  "--diagnostic-dir",
  "--report-dir",
  "--report-directory",
  "--report-filename",
  "--report-signal",
  "--cpu-prof-dir",
  "--cpu-prof-name",
  "--heap-prof-dir",
  "--heap-prof-name",
  "--localstorage-file",
  "--experimental-sea-config",
  "--test-global-setup",
  "--test-coverage-lines",
  "--test-coverage-branches",
  "--test-coverage-functions",
]);

/** An option with its value (`--conditions x` and `--conditions=x` both give name "--conditions", value "x"). */
export interface NodeOption {
  name: string;
  value?: string;
}

/** Splits `node` arguments into node's options (before the first file) and the rest. */
export function nodeOptionsOf(args: readonly string[]): { options: string[]; parsed: NodeOption[]; rest: string[] } {
  const options: string[] = [];
  const parsed: NodeOption[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    options.push(name);
    if (eq > 0) parsed.push({ name, value: arg.slice(eq + 1) });
    else if (NODE_VALUE_OPTIONS.has(name) && i + 1 < args.length) parsed.push({ name, value: args[++i] as string });
    else parsed.push({ name });
  }
  return { options, parsed, rest: args.slice(i) };
}
