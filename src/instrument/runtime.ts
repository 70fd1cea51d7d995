// The runtime helper inlined at the end of every instrumented file: `__gremlins_g(i)` answers "is
// gremlin i active?", records coverage and enforces the hit limit. Plain ES2017 text, no imports.
//
// Contract (instrumented code ↔ executors):
// - `function __gremlins_g(i)` is a hoisted declaration, so it works before the module body runs
//   (circular imports) in ESM, CJS and scripts. On first call it creates the per-realm singleton
//   `globalThis.__gremlins` (a `GremlinsRuntime`); every instrumented file of the realm shares it.
// - Switch mode: when `globalThis.__gremlins_switch` holds an Int32Array (length ≥ 4) at that first
//   call: [0] active index (0 = none), [1] hits of the active gremlin (the helper increments it),
//   [2] hit limit (0 = none), [3] current test index (-1 = none). The slots are read on every call,
//   so the executor flips gremlins with `Atomics.store` and resets [1] itself. A plain (non-shared)
//   Int32Array works too, e.g. one the worker fills from its SharedArrayBuffer before each run.
//   While [0] is 0, the first time gremlin i is reached during test slot [3] the helper calls
//   `globalThis.__gremlins_onReach(i, testIndex)` when that hook is a function (per-test coverage;
//   `globalThis.__gremlins.reset()` forgets what was reported, e.g. before a second coverage pass).
//   While [0] is 0 it also counts every call per index (`globalThis.__gremlins.hits()`, an Int32Array),
//   so the executor can derive hit limits from the baseline.
// - Env mode (no switch): `GREMLINS_ACTIVE` (0/absent = none) and `GREMLINS_HIT_LIMIT` are read once.
//   When `GREMLINS_ACTIVE_FILE` is set, that file's three lines (active index, hit limit, GREMLINS_DIR)
//   stand in for all three: a warm vitest process changes them between runs of the workers it starts,
//   whose environment it fixed when it started them (vitest 3 keeps its pools).
// - Both modes: when nothing is active and `GREMLINS_DIR` is set, each index reached for the first
//   time in this process/thread is appended synchronously to `$GREMLINS_DIR/reached-<pid>-<threadId>.txt`
//   (one decimal per line). The "seen" bitmap and the file descriptor are shared by all realms of a
//   thread (jest gives each test file its own realm) through a symbol-keyed slot on the `node:fs` module.
// - Past the hit limit the helper writes `$GREMLINS_DIR/hit-limit-<pid>` (when the dir is set) and
//   throws an Error named `GremlinsHitLimitError`, again on every further hit.
// - If the environment cannot be read (Deno without --allow-env) the helper throws a clear Error
//   instead of silently leaving every gremlin off.
// `fs` comes from `process.getBuiltinModule` (Node ≥ 20.16, Bun, Deno 2), else from a CJS `require`.

/** Name of the helper function every instrumented file declares. */
export const RUNTIME_FUNCTION = "__gremlins_g";

/** Slots of the shared-memory switch (`globalThis.__gremlins_switch`). */
export const SWITCH_ACTIVE = 0;
export const SWITCH_HITS = 1;
export const SWITCH_HIT_LIMIT = 2;
export const SWITCH_TEST = 3;
export const SWITCH_LENGTH = 4;

/** Name of the error thrown past the hit limit. */
export const HIT_LIMIT_ERROR = "GremlinsHitLimitError";

/** The per-realm singleton at `globalThis.__gremlins`. */
export interface GremlinsRuntime {
  mode: "switch" | "env";
  /** Env mode: the active index read from GREMLINS_ACTIVE (0 = none); switch mode: always 0. */
  active: number;
  /** Is gremlin `index` active (records coverage / counts hits as a side effect). */
  g(index: number): boolean;
  /** Forget the per-test coverage already reported to the hook and the env-mode hit count. */
  reset(): void;
  /** Switch mode: hits per gremlin index while no gremlin was active (idle), since the realm started. */
  hits?(): Int32Array;
}

/** The realm globals the helper reads; executors set `__gremlins_switch` and `__gremlins_onReach`. */
export interface GremlinsGlobals {
  __gremlins?: GremlinsRuntime;
  __gremlins_switch?: Int32Array;
  __gremlins_onReach?: (index: number, testIndex: number) => void;
}

/** Path of the coverage file one process/thread writes (for readers; the helper builds it itself). */
export function reachedFileName(pid: number, threadId: number): string {
  return `reached-${pid}-${threadId}.txt`;
}

export function hitLimitFileName(pid: number): string {
  return `hit-limit-${pid}`;
}

/** The helper source, appended verbatim to every instrumented file (keep it free of `${`). */
export const RUNTIME_SOURCE = `function __gremlins_g(i) {
  var r = globalThis.__gremlins;
  if (r === undefined) {
    r = (function () {
      var G = globalThis, P = typeof process === "object" && process !== null ? process : undefined;
      var D = typeof Deno === "object" && Deno !== null ? Deno : undefined;
      function env(k) {
        try {
          if (P !== undefined && P.env) { var v = P.env[k]; return v == null ? "" : String(v); }
          if (D !== undefined) return D.env.get(k) || "";
        } catch (e) {
          // Without this the gremlin would silently stay off (Deno without --allow-env).
          throw new Error("gremlins: cannot read the environment variable " + k + " (Deno needs --allow-env, e.g. deno test -A): " + e);
        }
        return "";
      }
      function mod(k) {
        try { if (P !== undefined && typeof P.getBuiltinModule === "function") return P.getBuiltinModule(k); } catch (e) {}
        try { if (typeof require === "function") return require(k); } catch (e) {}
        return undefined;
      }
      var dir = env("GREMLINS_DIR"), fs, sink, marked = false, pid = P !== undefined ? P.pid : D !== undefined ? D.pid : 0;
      function files() {
        if (fs === undefined) fs = mod("node:fs");
        if (fs === undefined) throw new Error("gremlins: no synchronous file system API (needs Node >= 20.16, Bun or Deno 2)");
        return fs;
      }
      // Optional, and never granted to Deno (whose permission list names the three variables): unset when unreadable.
      var af = "", lines;
      try { af = env("GREMLINS_ACTIVE_FILE"); } catch (e) {}
      if (af) {
        try { lines = String(files().readFileSync(af, "utf8")).split("\\n"); } catch (e) {
          throw new Error("gremlins: cannot read the active gremlin from " + af + ": " + e);
        }
        dir = lines[2] || "";
      }
      // One sink per coverage file and thread, shared by every realm of the thread (jest).
      function shared() {
        var f = files(), key = Symbol.for("gremlins.reached"), all = f[key];
        if (all === undefined) {
          all = {};
          try { Object.defineProperty(f, key, { value: all }); } catch (e) {}
        }
        var w = mod("node:worker_threads"), tid = w && typeof w.threadId === "number" ? w.threadId : 0;
        var path = dir + "/reached-" + pid + "-" + tid + ".txt";
        return all[path] || (all[path] = { seen: new Uint8Array(256), fd: -1, path: path });
      }
      var seen = new Uint8Array(0);
      function record(i) {
        if (sink === undefined) sink = shared();
        if (i >= sink.seen.length) { var n = new Uint8Array(Math.max(i + 1, sink.seen.length * 2)); n.set(sink.seen); sink.seen = n; }
        seen = sink.seen;
        if (seen[i] === 1) return;
        seen[i] = 1;
        if (sink.fd < 0) sink.fd = files().openSync(sink.path, "a");
        files().writeSync(sink.fd, i + "\\n");
      }
      function limitHit(a, limit) {
        if (dir && !marked) {
          marked = true;
          try { files().writeFileSync(dir + "/hit-limit-" + pid, a + "\\n"); } catch (e) {}
        }
        var e = new Error("gremlins: gremlin " + a + " was reached more than " + limit + " times (hit limit)");
        e.name = "GremlinsHitLimitError";
        throw e;
      }
      var sw = G.__gremlins_switch;
      if (sw != null && typeof sw === "object" && typeof sw.length === "number" && sw.length >= 4) {
        var stamps = new Int32Array(256), counts = new Int32Array(256);
        var reach = function (i) {
          if (i >= stamps.length) {
            var n = new Int32Array(Math.max(i + 1, stamps.length * 2)), c = new Int32Array(n.length);
            n.set(stamps); c.set(counts); stamps = n; counts = c;
          }
          var t = sw[3];
          stamps[i] = t + 2;
          if (dir) record(i);
          var h = G.__gremlins_onReach;
          if (typeof h === "function") h(i, t);
        };
        return {
          mode: "switch", active: 0,
          g: function (i) {
            var a = sw[0];
            if (a === 0) { if (stamps[i] !== sw[3] + 2) reach(i); counts[i]++; return false; }
            if (a !== i) return false;
            var h = sw[1] + 1, limit = sw[2];
            sw[1] = h;
            if (limit > 0 && h > limit) limitHit(a, limit);
            return true;
          },
          reset: function () { stamps.fill(0); },
          hits: function () { return counts; }
        };
      }
      var active = parseInt(lines ? lines[0] : env("GREMLINS_ACTIVE"), 10) || 0, max = parseInt(lines ? lines[1] : env("GREMLINS_HIT_LIMIT"), 10) || 0, hits = 0;
      var g = active !== 0
        ? function (i) {
            if (i !== active) return false;
            hits++;
            if (max > 0 && hits > max) limitHit(active, max);
            return true;
          }
        : dir
          ? function (i) { if (seen[i] !== 1) record(i); return false; }
          : function () { return false; };
      return { mode: "env", active: active, g: g, reset: function () { hits = 0; } };
    })();
    // Non-enumerable, so leak checks (mocha --check-leaks) do not flag it.
    Object.defineProperty(globalThis, "__gremlins", { value: r, writable: true, configurable: true });
  }
  return r.g(i);
}
`;
