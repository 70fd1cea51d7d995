// Snapshot serialisation as jest and vitest do it: pretty-format (jest) or vitest's fork of it, with
// each runner's plugin list and default snapshotFormat, newlines normalised and multi-line values
// wrapped in extra line breaks, so the text equals what the runner stores in a `.snap` file.

import * as jestPrettyFormat from "pretty-format";
import * as vitestPrettyFormat from "@vitest/pretty-format";
import { createRequire } from "node:module";

export type SnapshotFlavor = "jest" | "vitest";

/** A project's own snapshot options, as its runner's config gives them (structured-clone data). */
export interface SnapshotConfig {
  /** The normalised snapshotFormat (jest 29+ merges its defaults in; {} for pretty-format's own). */
  format: Record<string, unknown>;
  /** Absolute paths of the snapshotSerializers modules, in the config's order (tried before the built-in ones). */
  serializers: string[];
}

/** What serialize() applies instead of the runner's defaults: the config's format, its serializers loaded. */
export interface SnapshotRules {
  format: Record<string, unknown>;
  plugins: unknown[];
}

// A pretty-format plugin; both packages share this shape.
interface Plugin {
  test(value: unknown): boolean;
  serialize(
    value: unknown,
    config: Config,
    indentation: string,
    depth: number,
    refs: unknown[],
    printer: Printer,
  ): string;
}
interface Config {
  indent: string;
  spacingOuter: string;
  min: boolean;
}
type Printer = (value: unknown, config: Config, indentation: string, depth: number, refs: unknown[]) => string;
type Format = (value: unknown, options: Record<string, unknown>) => string;
interface PrettyFormat {
  format: Format;
  plugins: Record<string, Plugin>;
}

// Bun's runtime (unbundled) may see a CommonJS package's ESM wrapper without its names (as for `expect`).
const jestPf: PrettyFormat = (jestPrettyFormat as unknown as PrettyFormat).format
  ? (jestPrettyFormat as unknown as PrettyFormat)
  : (createRequire(import.meta.url)("pretty-format") as PrettyFormat);
const vitestPf = vitestPrettyFormat as unknown as PrettyFormat;

interface MockLike {
  getMockName(): string;
  mock: { calls: unknown[]; results: unknown[] };
}

/** Both runners' mock serializer: `[MockFunction name] { "calls": …, "results": … }`; `defaults` are unnamed. */
function mockSerializer(defaults: readonly string[]): Plugin {
  return {
    test: (value) => typeof value === "function" && (value as { _isMockFunction?: boolean })._isMockFunction === true,
    serialize(value, config, indentation, depth, refs, printer) {
      const mock = value as MockLike;
      const name = mock.getMockName();
      const nameString = defaults.includes(name) ? "" : ` ${name}`;
      let calls = "";
      if (mock.mock.calls.length > 0) {
        const next = indentation + config.indent;
        calls =
          ` {${config.spacingOuter}${next}"calls": ${printer(mock.mock.calls, config, next, depth, refs)}${config.min ? ", " : ","}` +
          `${config.spacingOuter}${next}"results": ${printer(mock.mock.results, config, next, depth, refs)}${config.min ? "" : ","}${config.spacingOuter}${indentation}}`;
      }
      return `[MockFunction${nameString}]${calls}`;
    },
  };
}

function pluginsOf(pf: PrettyFormat, flavor: SnapshotFlavor): Plugin[] {
  const { ReactTestComponent, ReactElement, DOMElement, DOMCollection, Immutable, AsymmetricMatcher } = pf.plugins;
  // The harness's mocks come from jest-mock ("jest.fn()" unnamed); vitest's unnamed ones say "vi.fn()".
  const mocks = mockSerializer(flavor === "jest" ? ["jest.fn()"] : ["vi.fn()", "jest.fn()"]);
  const list = [ReactTestComponent, ReactElement, DOMElement, DOMCollection, Immutable];
  // jest-snapshot lists the mock serializer before AsymmetricMatcher, @vitest/snapshot after it.
  return (flavor === "jest" ? [...list, mocks, AsymmetricMatcher] : [...list, AsymmetricMatcher, mocks]) as Plugin[];
}

const PLUGINS: Record<SnapshotFlavor, Plugin[]> = {
  jest: pluginsOf(jestPf, "jest"),
  vitest: pluginsOf(vitestPf, "vitest"),
};

/** The runners' default `snapshotFormat` (jest-config's defaults; @vitest/snapshot's SnapshotState). */
const FORMAT: Record<SnapshotFlavor, Record<string, unknown>> = {
  jest: { escapeString: false, printBasicPrototype: false },
  vitest: { printBasicPrototype: false, escapeString: false, maxOutputLength: 2 ** 27 },
};

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n|\r/g, "\n");
}

/** Multi-line snapshots are stored with a line break before and after. */
export function addExtraLineBreaks(text: string): string {
  return text.includes("\n") ? `\n${text}\n` : text;
}

/** `value` as the runner serialises it for comparison (extra line breaks included); `rules`: the project's config. */
export function serialize(value: unknown, flavor: SnapshotFlavor, rules?: SnapshotRules): string {
  const pf = flavor === "jest" ? jestPf : vitestPf;
  const text = pf.format(value, {
    escapeRegex: true,
    indent: 2,
    plugins: rules ? [...(rules.plugins as Plugin[]), ...PLUGINS[flavor]] : PLUGINS[flavor],
    printFunctionName: false,
    ...(rules ? rules.format : FORMAT[flavor]),
  });
  return addExtraLineBreaks(normalizeNewlines(text));
}

const INDENTATION = /^([^\S\n]*)\S/m;

/**
 * An inline snapshot literal without the indentation the runner added when it wrote it (jest's
 * stripAddedIndentation, vitest's stripSnapshotIndentation: the same rules).
 */
export function stripIndentation(inline: string): string {
  const match = INDENTATION.exec(inline);
  const indentation = match?.[1];
  if (!indentation) return inline;
  const lines = inline.split("\n");
  if (lines.length <= 2) return inline;
  if (lines[0]!.trim() !== "" || lines[lines.length - 1]!.trim() !== "") return inline;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    if (!line.startsWith(indentation)) return inline;
    lines[i] = line.slice(indentation.length);
  }
  lines[lines.length - 1] = "";
  return lines.join("\n");
}

/** Whether a stored snapshot equals the serialised value: jest compares exactly, vitest after trimming both. */
export function snapshotEquals(expected: string, received: string, flavor: SnapshotFlavor): boolean {
  return flavor === "jest" ? expected === received : expected.trim() === received.trim();
}
