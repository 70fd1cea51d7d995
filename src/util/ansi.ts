// Removes terminal escape sequences (colours, cursor moves, hyperlinks) from text: runners' output
// before it is parsed, and gremlins' own output when it goes to a pipe or a dumb terminal.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}
