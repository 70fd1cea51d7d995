// Parses `git diff --unified=0 --no-prefix` output into the lines each file changed (new-side line
// numbers): added/modified line ranges, and the gaps where lines were only deleted.

/** What changed in one file, in the numbering of its new version (1-based lines). */
export interface LineChanges {
  /** The whole file counts as changed (new untracked file). */
  whole: boolean;
  /** Inclusive [first, last] ranges of added or modified lines. */
  ranges: [number, number][];
  /** Pure deletions: lines were removed between line `n` and line `n + 1`. */
  gaps: number[];
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Undoes git's C-style quoting of unusual paths (`"a\tb"`, octal escapes for bytes). */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, "\\": 92 };
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Strips the trailing tab git adds after paths containing spaces, then unquotes. */
function headerPath(rest: string): string {
  return unquotePath(rest.replace(/\t$/, ""));
}

/**
 * Changed lines per file (new path) from a `--unified=0 --no-prefix` diff. Deleted files and files
 * without hunks (pure renames, mode changes, binaries) are absent.
 */
export function parseUnifiedDiff(text: string): Map<string, LineChanges> {
  const files = new Map<string, LineChanges>();
  let current: LineChanges | null = null;
  // Header lines come between `diff --git` and the first hunk; an added line "++x" reads "+++x" in a hunk.
  let inHeader = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = null;
      inHeader = true;
    } else if (inHeader && line.startsWith("+++ ")) {
      const path = headerPath(line.slice(4));
      if (path === "/dev/null") {
        current = null;
      } else {
        current = files.get(path) ?? { whole: false, ranges: [], gaps: [] };
        files.set(path, current);
      }
    } else if (line.startsWith("@@")) {
      inHeader = false;
      if (!current) continue;
      const match = HUNK.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      if (count === 0) current.gaps.push(start);
      else current.ranges.push([start, start + count - 1]);
    }
  }
  return files;
}

/** True when lines `first`..`last` (inclusive) touch a change: overlap a changed range or enclose a deletion. */
export function spanTouches(changes: LineChanges, first: number, last: number): boolean {
  if (changes.whole) return true;
  for (const [from, to] of changes.ranges) if (first <= to && last >= from) return true;
  for (const gap of changes.gaps) if (first <= gap && last >= gap + 1) return true;
  return false;
}
