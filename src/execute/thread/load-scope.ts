// Worker side: which test files a gremlin reached while the suite loaded can affect. A CommonJS module's
// top-level code runs once per module graph, so a hit is credited to the innermost project module being
// evaluated (a test file calling `express()` at its top level, or `lib/utils.js` computing an export),
// and reaches every test file that requires that module, directly or not (require's cache knows who
// requires whom). As when the runner runs each file on its own: a file whose load never runs the
// gremlin's code loads as without it. Anything unclear leaves the gremlin unscoped (every test runs for
// it): no module or a third-party one innermost, a module no test file requires (a preload), a project
// module in require's cache that was not compiled as CommonJS (an ES module loaded by require, JSON
// aside), a test file not in require's cache, or a runtime other than Node. Where each test file loads from
// its own copy of the project (`filesApart`), a hit is credited to the test file loading, in any runtime.

import Module, { createRequire } from "node:module";
import { relative } from "pathe";

const cache = createRequire(import.meta.url).cache;

interface CompilingModule {
  _compile(content: string, filename: string, ...rest: unknown[]): unknown;
}

export class LoadScope {
  /** gremlin → project modules whose top-level evaluation reached it ("" : none known). */
  private readonly credited = new Map<number, Set<string>>();
  /** Modules being evaluated, innermost last (only while `track` is on). */
  private readonly stack: string[] = [];
  /** Modules compiled as CommonJS while tracking. */
  private readonly compiled = new Set<string>();
  private tracking = false;
  private readonly enabled: boolean;
  /** filesApart: the test file loading now (project-relative), "" between files (preloads). */
  loadingFile = "";

  constructor(
    /** The project copy (absolute): modules under it, outside node_modules, are the project's. */
    private readonly root: string,
    /** Absolute paths of the test files. */
    private readonly files: readonly string[],
    /** Each test file loads from its own copy of the project: what its load reaches is its own. */
    private readonly filesApart = false,
  ) {
    const proto = (Module as unknown as { prototype?: Partial<CompilingModule> }).prototype;
    const original = proto?._compile;
    // Bun and Deno evaluate modules without it: every load hit stays unscoped there.
    const node = process.versions.bun === undefined && !("Deno" in globalThis);
    this.enabled = node && proto !== undefined && typeof original === "function";
    if (!this.enabled || !proto || typeof original !== "function") return;
    const { stack, compiled } = this;
    const self = this;
    proto._compile = function (this: CompilingModule, content: string, filename: string, ...rest: unknown[]) {
      if (!self.tracking) return original.call(this, content, filename, ...rest);
      compiled.add(filename);
      stack.push(filename);
      try {
        return original.call(this, content, filename, ...rest);
      } finally {
        stack.pop();
      }
    };
  }

  /** Starts (or stops) crediting load-time hits; a new load forgets the earlier ones. */
  track(on: boolean): void {
    if (on) {
      this.credited.clear();
      this.compiled.clear();
    }
    this.tracking = on;
  }

  /** Gremlin `index` was reached while loading. */
  reached(index: number): void {
    let set = this.credited.get(index);
    if (!set) this.credited.set(index, (set = new Set()));
    set.add(this.filesApart ? this.loadingFile : this.innermost());
  }

  private innermost(): string {
    const file = this.stack[this.stack.length - 1];
    return file !== undefined && this.isProject(file) ? file : "";
  }

  private isProject(file: string): boolean {
    return file.startsWith(`${this.root}/`) && !file.includes("/node_modules/");
  }

  /**
   * [gremlin, test files (project-relative)] for each load-time gremlin whose reach is known; a gremlin
   * left out may affect every test.
   */
  scopes(): [number, string[]][] {
    if (this.filesApart)
      return [...this.credited].filter(([, files]) => !files.has("")).map(([index, files]) => [index, [...files]]);
    if (!this.enabled) return [];
    for (const [id, module] of Object.entries(cache)) {
      const file = module?.filename ?? id;
      if (this.isProject(file) && !this.compiled.has(file) && !/\.(json|node)$/.test(file)) return [];
    }
    const closures = new Map<string, Set<string>>();
    for (const file of this.files) {
      const closure = this.closureOf(file);
      if (closure === null) return []; // a test file not in require's cache (ES module): no scopes
      closures.set(file, closure);
    }
    const out: [number, string[]][] = [];
    for (const [index, modules] of this.credited) {
      if (modules.has("")) continue;
      const files = new Set<string>();
      let known = true;
      for (const module of modules) {
        const reaching = this.files.filter((f) => closures.get(f)?.has(module));
        if (reaching.length === 0) known = false; // a preload, or a module loaded otherwise
        for (const f of reaching) files.add(relative(this.root, f));
      }
      if (known) out.push([index, [...files]]);
    }
    return out;
  }

  /** Every module `file` requires, directly or not (itself included); null when it is not in require's cache. */
  private closureOf(file: string): Set<string> | null {
    if (!cache[file]) return null;
    const seen = new Set<string>([file]);
    const queue = [file];
    while (queue.length > 0) {
      const module = cache[queue.pop() as string];
      for (const child of module?.children ?? []) {
        if (seen.has(child.filename)) continue;
        seen.add(child.filename);
        queue.push(child.filename);
      }
    }
    return seen;
  }
}
