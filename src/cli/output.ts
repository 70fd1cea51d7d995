// Where the CLI writes: the streams, whether colour is allowed (NO_COLOR, non-TTY, TERM=dumb), and the consola logger.
import { createConsola, type ConsolaInstance, LogLevels } from "consola";

/** A stream the CLI writes to (process.stdout/stderr, or a capture in tests). */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The outside world of one CLI invocation. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Colour only on a terminal, never with NO_COLOR (any non-empty value) or TERM=dumb; FORCE_COLOR forces it. */
export function colorEnabled(stream: OutStream, env: Io["env"]): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** A consola instance for this invocation: fancy only on a colour terminal, level from --verbose/--quiet. */
export function createLogger(io: Io, options: { verbose?: boolean; quiet?: boolean }): ConsolaInstance {
  const color = colorEnabled(io.stderr, io.env);
  // `fancy` exists in consola's Node build; its browser typings (picked by the Bundler resolution) omit it.
  const settings = {
    level: options.quiet ? LogLevels.warn : options.verbose ? LogLevels.debug : LogLevels.info,
    fancy: color,
    // consola types its streams as NodeJS.WriteStream; it only calls write() on them.
    stdout: io.stderr as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    formatOptions: { colors: color, date: false, compact: true },
  };
  return createConsola(settings);
}
