// Errors the user caused or can fix (bad config, bad flags, red baseline): they carry the exit
// code and a one-line message; the CLI prints the message, never a stack trace.

export class GremlinsError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "GremlinsError";
    this.exitCode = exitCode;
  }
}

/** An invalid configuration value: names the key, the value and what is allowed. */
export class ConfigError extends GremlinsError {
  constructor(message: string) {
    super(message, 2);
    this.name = "ConfigError";
  }
}
