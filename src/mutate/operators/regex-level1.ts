// weapon-regex's level-1 mutants, computed directly (byte-identical) for common pattern syntax: its parser costs
// 0.1–0.5 ms a pattern and ~0.3 s on first use. Other syntax gives null and is left to weapon-regex.

export interface PatternMutant {
  pattern: string;
  /** As weapon-regex words it, behind a location prefix of the same shape (`[0:0, 0:0) …`). */
  description: string;
}

/** The pattern as weapon-regex's tree sees it; `start`/`end` (and the other offsets) index the pattern. */
type RegexNode = { start: number; end: number } & (
  | { kind: "sequence"; items: RegexNode[] }
  | { kind: "alternation"; alternatives: RegexNode[] }
  | { kind: "anchor"; char: "^" | "$" }
  | { kind: "quantified"; atomEnd: number; atom: RegexNode }
  | { kind: "class"; negated: boolean; predefs: RegexNode[] }
  | { kind: "predef" }
  | { kind: "group"; body: RegexNode }
  | { kind: "char" }
);

const SYNTAX_CHARS = "^$\\.*+?()[]{}|/";
/** Escapes weapon-regex treats as predefined classes (`\v` included, which JS reads as a vertical tab). */
const PREDEF = "dDwWsSv";
const CHAR_ESCAPES = "nrtf";
/** Placeholder location: regex.ts strips weapon-regex's prefix with a regex that only sees its shape. */
const LOCATION = "[0:0, 0:0) ";

class Unsupported extends Error {}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

function isPlainChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0x20 && code <= 0x7e && !SYNTAX_CHARS.includes(c);
}

/** Recursive-descent reader for the subset: printable ASCII, simple escapes, classes, plain groups, quantifiers, ^ $ |. */
class Reader {
  private i = 0;

  constructor(private readonly p: string) {}

  parse(): RegexNode {
    const node = this.alternation();
    if (this.i !== this.p.length) throw new Unsupported();
    return node;
  }

  private alternation(): RegexNode {
    const start = this.i;
    const alternatives = [this.sequence()];
    while (this.p[this.i] === "|") {
      this.i++;
      alternatives.push(this.sequence());
    }
    return alternatives.length === 1 ? alternatives[0]! : { kind: "alternation", start, end: this.i, alternatives };
  }

  private sequence(): RegexNode {
    const start = this.i;
    const items: RegexNode[] = [];
    while (this.i < this.p.length && this.p[this.i] !== "|" && this.p[this.i] !== ")") items.push(this.term());
    // Empty patterns, groups and alternatives: weapon-regex only.
    if (items.length === 0) throw new Unsupported();
    return items.length === 1 ? items[0]! : { kind: "sequence", start, end: this.i, items };
  }

  private term(): RegexNode {
    const start = this.i;
    const c = this.p[start]!;
    if (c === "^" || c === "$") {
      this.i++;
      if (this.atQuantifier()) throw new Unsupported();
      return { kind: "anchor", start, end: this.i, char: c };
    }
    const atom = this.atom();
    const atomEnd = this.i;
    if (!this.quantifier()) return atom;
    // weapon-regex describes a quantified group or `\)` in a way its prefix stripping garbles: left to it.
    if (atom.kind === "group" || this.p.slice(start, atomEnd) === "\\)") throw new Unsupported();
    return { kind: "quantified", start, end: this.i, atomEnd, atom };
  }

  private atom(): RegexNode {
    const start = this.i;
    const c = this.p[start]!;
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape(false);
    if (c === "." || isPlainChar(c)) {
      this.i++;
      return { kind: "char", start, end: this.i };
    }
    throw new Unsupported();
  }

  private group(): RegexNode {
    const start = this.i;
    this.i += this.p.startsWith("(?:", this.i) ? 3 : 1;
    // Lookarounds, named groups and modifiers: weapon-regex only.
    if (this.p[this.i] === "?") throw new Unsupported();
    const body = this.alternation();
    if (this.p[this.i] !== ")") throw new Unsupported();
    this.i++;
    return { kind: "group", start, end: this.i, body };
  }

  private charClass(): RegexNode {
    const start = this.i++;
    const negated = this.p[this.i] === "^";
    if (negated) this.i++;
    const predefs: RegexNode[] = [];
    while (this.p[this.i] !== "]") {
      const c = this.p[this.i];
      if (c === undefined || c === "[") throw new Unsupported();
      if (c === "\\") {
        const escape = this.escape(true);
        if (escape.kind === "predef") predefs.push(escape);
      } else if (isPlainChar(c) || "^$.*+?(){}|/".includes(c)) {
        this.i++;
      } else {
        throw new Unsupported();
      }
    }
    this.i++;
    return { kind: "class", start, end: this.i, negated, predefs };
  }

  /** `\` and what follows. Inside a class `\b` is a backspace; outside it (a boundary) is left to weapon-regex. */
  private escape(inClass: boolean): RegexNode {
    const start = this.i;
    const c = this.p[start + 1];
    if (c === undefined) throw new Unsupported();
    if (PREDEF.includes(c)) {
      this.i += 2;
      return { kind: "predef", start, end: this.i };
    }
    if (c === "x" && isHexDigit(this.p[start + 2]) && isHexDigit(this.p[start + 3])) {
      this.i += 4;
    } else if (c === "0" && !/[0-9]/.test(this.p[start + 2] ?? "")) {
      this.i += 2;
    } else if (CHAR_ESCAPES.includes(c) || SYNTAX_CHARS.includes(c) || c === "-" || (inClass && c === "b")) {
      this.i += 2;
    } else {
      // Back-references, \b \B, \u \c \p \k, identity escapes of other letters.
      throw new Unsupported();
    }
    return { kind: "char", start, end: this.i };
  }

  private atQuantifier(): boolean {
    const c = this.p[this.i];
    return c === "*" || c === "+" || c === "?" || c === "{";
  }

  /** Reads `* + ? {n} {n,} {n,m}` and a lazy `?`; false when none follows. */
  private quantifier(): boolean {
    const c = this.p[this.i];
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
    } else if (c === "{") {
      const match = /^\{\d+(,\d*)?\}/.exec(this.p.slice(this.i));
      if (!match) throw new Unsupported();
      this.i += match[0].length;
    } else {
      return false;
    }
    if (this.p[this.i] === "?") this.i++;
    if (this.atQuantifier()) throw new Unsupported();
    return true;
  }
}

const ANCHOR_REMOVAL = {
  "^": "Remove the beginning of line character `^`",
  $: "Remove the end of line character `$`",
} as const;

/**
 * weapon-regex removes an anchor through the node holding it: from a sequence it drops the character,
 * from an alternation the whole alternative (with its `|`), from a group its body. All `^` go first.
 */
function anchorRemovals(p: string, parent: RegexNode, children: readonly RegexNode[], out: PatternMutant[]): void {
  for (const char of ["^", "$"] as const) {
    children.forEach((child, i) => {
      if (child.kind !== "anchor" || child.char !== char) return;
      let text: string;
      if (parent.kind === "alternation") {
        const rest = children.filter((_, k) => k !== i).map((c) => p.slice(c.start, c.end));
        text = p.slice(0, parent.start) + rest.join("|") + p.slice(parent.end);
      } else {
        text = p.slice(0, child.start) + p.slice(child.end);
      }
      out.push({ pattern: text, description: LOCATION + ANCHOR_REMOVAL[char] });
    });
  }
}

/** Appends the mutants of `node` and everything in it, in weapon-regex's (pre-)order. */
function collect(p: string, node: RegexNode, out: PatternMutant[]): void {
  const mutant = (start: number, end: number, text: string, description: string): void => {
    out.push({ pattern: p.slice(0, start) + text + p.slice(end), description: LOCATION + description });
  };
  switch (node.kind) {
    case "sequence":
      anchorRemovals(p, node, node.items, out);
      for (const item of node.items) collect(p, item, out);
      return;
    case "alternation":
      anchorRemovals(p, node, node.alternatives, out);
      for (const alternative of node.alternatives) collect(p, alternative, out);
      return;
    case "group":
      anchorRemovals(p, node, [node.body], out);
      collect(p, node.body, out);
      return;
    case "quantified": {
      const from = p.slice(node.start, node.end);
      const to = p.slice(node.start, node.atomEnd);
      mutant(node.atomEnd, node.end, "", `Remove the quantifier from \`${from}\` to \`${to}\``);
      collect(p, node.atom, out);
      return;
    }
    case "class": {
      const from = p.slice(node.start, node.end);
      const to = node.negated ? `[${from.slice(2)}` : `[^${from.slice(1)}`;
      mutant(node.start, node.end, to, `Negate the character class \`${from}\` to \`${to}\``);
      for (const predef of node.predefs) collect(p, predef, out);
      return;
    }
    case "predef": {
      const from = p.slice(node.start, node.end);
      const letter = from[1]!;
      const to = `\\${letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase()}`;
      mutant(node.start, node.end, to, `Negate the predefined character class \`${from}\` to \`${to}\``);
      return;
    }
    case "anchor":
    case "char":
      return;
  }
}

/**
 * weapon-regex's level-1 mutants of `pattern` in its order, with its descriptions (behind a placeholder
 * location), or null when the pattern uses syntax outside the subset read here, or the `u`/`v` flags.
 */
export function level1Mutants(pattern: string, flags: string): PatternMutant[] | null {
  if (flags.includes("u") || flags.includes("v")) return null;
  let tree: RegexNode;
  try {
    tree = new Reader(pattern).parse();
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  const mutants: PatternMutant[] = [];
  collect(pattern, tree, mutants);
  return mutants;
}
