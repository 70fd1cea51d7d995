// The run's own messages (not the report): info and warnings on stderr, so stdout carries only
// the report; --quiet keeps warnings only, --verbose adds details.

export interface RunLog {
  info(message: string): void;
  warn(message: string): void;
  /** What fails the run (it still writes its reports first). */
  error(message: string): void;
  verbose(message: string): void;
}

export function createLog(
  options: { verbose?: boolean; quiet?: boolean },
  write: (text: string) => void = (text) => process.stderr.write(text),
): RunLog {
  return {
    info(message) {
      if (!options.quiet) write(`${message}\n`);
    },
    warn(message) {
      write(`warning: ${message}\n`);
    },
    error(message) {
      write(`error: ${message}\n`);
    },
    verbose(message) {
      if (options.verbose && !options.quiet) write(`${message}\n`);
    },
  };
}
