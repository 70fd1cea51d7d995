// Splits a package.json script or test command into words and operators the way `sh -c` does:
// single and double quotes, backslash escapes, `&&`/`||`/`;`/`|` and redirections as operators.
// Expansions (`$x`, backticks, `$(…)`) are reported, not performed.

/** One shell word: its text after quote removal, and whether the shell would glob-expand it. */
export interface Word {
  text: string;
  /** The word has an unquoted `*`, `?` or `[`: `sh` expands it against the file system. */
  glob: boolean;
}

export type Token = { word: Word } | { op: string };

export type Split = { tokens: Token[] } | { problem: string };

const OPERATORS = ["&&", "||", ">>", "2>&1", ";", "|", "&", ">", "<", "(", ")"];

/** The command's tokens, or why it cannot be read without running a shell. */
export function shellSplit(command: string): Split {
  const tokens: Token[] = [];
  let text = "";
  let glob = false;
  let started = false;
  const flush = (): void => {
    if (started) tokens.push({ word: { text, glob } });
    text = "";
    glob = false;
    started = false;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === "\\") {
      i++;
      if (i < command.length && command[i] !== "\n") text += command[i];
      started = true;
      continue;
    }
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return { problem: "it has an unterminated ' quote" };
      text += command.slice(i + 1, end);
      started = true;
      i = end;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        const d = command[j] as string;
        if (d === "$" || d === "`") return { problem: "it uses shell expansion ($ or `)" };
        if (d === "\\" && /["\\$`\n]/.test(command[j + 1] ?? "")) {
          j++;
          if (command[j] !== "\n") text += command[j];
          continue;
        }
        text += d;
      }
      if (j >= command.length) return { problem: 'it has an unterminated " quote' };
      started = true;
      i = j;
      continue;
    }
    if (c === "$" || c === "`") return { problem: "it uses shell expansion ($ or `)" };
    if (/\s/.test(c)) {
      flush();
      continue;
    }
    if (c === "#" && !started) break;
    const op = OPERATORS.find((o) => command.startsWith(o, i));
    if (op && !(op === "2>&1" && started)) {
      // `2>` is a redirection of fd 2: the digit belongs to the operator, not to a word.
      if (/^\d$/.test(text) && (op === ">" || op === ">>") && !glob) {
        text = "";
        started = false;
      }
      flush();
      tokens.push({ op });
      i += op.length - 1;
      continue;
    }
    if (c === "*" || c === "?" || c === "[") glob = true;
    text += c;
    started = true;
  }
  flush();
  return { tokens };
}

/** Quotes a word for `sh` only when it needs it; `glob` words stay unquoted so the shell expands them as before. */
export function quoteWord(word: Word): string {
  if (word.text === "") return "''";
  if (word.glob && /^[\w@%+=:,./*?[\]{}!^-]+$/.test(word.text)) return word.text;
  if (/^[\w@%+=:,./-]+$/.test(word.text)) return word.text;
  return `'${word.text.replace(/'/g, `'\\''`)}'`;
}

/** The words as one `sh` command line. */
export function joinWords(words: readonly Word[]): string {
  return words.map(quoteWord).join(" ");
}

/** A word as written without quotes (for words made by gremlins itself). */
export function plain(text: string): Word {
  return { text, glob: false };
}
