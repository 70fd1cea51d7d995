// Pieces of script text the warm drivers share (plain ES2017, no imports; keep them free of `${`): output
// capture, the active-gremlin file that runners with workers of their own read, bailing file by file, and the
// message loop.

/** Output capture: what the runner writes goes to the run's output (up to a limit), not to the parent. */
export const CAPTURE_SOURCE = String.raw`
const OUTPUT_LIMIT = 256 * 1024;
let output = null;
let size = 0;
function capture(chunk, encoding, callback) {
  if (output !== null && size < OUTPUT_LIMIT) {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    output.push(text);
    size += text.length;
  }
  const done = typeof encoding === "function" ? encoding : callback;
  if (typeof done === "function") process.nextTick(done);
  return true;
}
process.stdout.write = capture;
process.stderr.write = capture;

function write(text) {
  capture(text);
}
`;

/**
 * The active gremlin for runners whose tests run in realms or workers the driver does not reach (vitest's
 * workers, jest's environments): GREMLINS_ACTIVE_FILE names a file with the active index, hit limit and the
 * directory for hit-limit markers, one per line, rewritten before each run (src/instrument/runtime.ts).
 */
export const ACTIVE_FILE_SOURCE = String.raw`
const state = fs.mkdtempSync(path.join(require("os").tmpdir(), "gremlins-warm-"));
const activeFile = path.join(state, "active");
const markers = path.join(state, "markers");
fs.mkdirSync(markers);
function activate(active, hitLimit) {
  fs.writeFileSync(activeFile, active > 0 ? active + "\n" + hitLimit + "\n" + markers + "\n" : "0\n0\n\n");
}
function clearMarkers() {
  for (const name of fs.readdirSync(markers)) fs.rmSync(path.join(markers, name), { force: true });
}
function markerFound() {
  return fs.readdirSync(markers).some((name) => name.startsWith("hit-limit-"));
}
// A run's start and end around the runner's own call.
function begin(message) {
  clearMarkers();
  activate(message.active, message.hitLimit);
  output = [];
  size = 0;
}
function report(message, result, lingering) {
  activate(0, 0);
  const hits = markerFound() ? message.hitLimit + 1 : 0;
  const text = output.join("");
  output = null;
  process.send({ type: "done", failed: result.failed, tests: result.tests, output: text, hits: hits, lingering: lingering || 0, reached: null });
}
function failure(error) {
  write(String((error && error.stack) || error) + "\n");
  return { failed: true, tests: 0 };
}
activate(0, 0);
process.env.GREMLINS_ACTIVE_FILE = activeFile;
delete process.env.GREMLINS_ACTIVE;
delete process.env.GREMLINS_HIT_LIMIT;
delete process.env.GREMLINS_DIR;
process.on("exit", () => fs.rmSync(state, { recursive: true, force: true }));
`;

/**
 * A fresh run's bail as vitest's and jest's warm runs keep it: no file runs after "limit" have failed (a later
 * one might hang). The runner cannot stop between files of one warm run, so with a bail each file runs alone,
 * in the given order; without one (limit 0) they run together. run(files) → { failed, tests }.
 */
export const BAIL_SOURCE = String.raw`
async function runBailing(files, limit, run) {
  const batches = limit > 0 && files.length > 1 ? files.map((file) => [file]) : [files];
  let failures = 0;
  let tests = 0;
  for (const batch of batches) {
    const ran = await run(batch);
    tests += ran.tests;
    if (ran.failed) failures++;
    if (limit > 0 && failures >= limit) break;
  }
  return { failed: failures > 0, tests: tests };
}
`;

/** The message loop around a driver's `setUp` (may return a promise) and `runOnce(message)`. */
export const LOOP_SOURCE = String.raw`
function crash(error) {
  if (output === null) output = [];
  output.push(String((error && error.stack) || error) + "\n");
  process.send({ type: "crashed", output: output.join("") }, () => process.exit(1));
}
// The runner's own handlers (jest in band fails the running test) come first; only an error nobody handles ends the process.
process.on("uncaughtException", (error) => {
  if (process.listenerCount("uncaughtException") === 1) crash(error);
});
process.on("unhandledRejection", (error) => {
  if (process.listenerCount("unhandledRejection") === 1) crash(error);
});

let queue = Promise.resolve();
process.on("message", (message) => {
  queue = queue.then(() => runOnce(message));
});
process.on("disconnect", () => process.exit(0));
Promise.resolve()
  .then(setUp)
  .then(() => process.send({ type: "ready" }), crash);
`;

/** Handles a run left open (timers, sockets), which would keep a fresh process from ending. */
export const LINGER_SOURCE = String.raw`
function resources() {
  return typeof process.getActiveResourcesInfo === "function" ? process.getActiveResourcesInfo() : [];
}
// Active resources now that were not there in before (a multiset difference of their kinds).
function extra(before) {
  const left = new Map();
  for (const kind of before) left.set(kind, (left.get(kind) || 0) + 1);
  let count = 0;
  for (const kind of resources()) {
    const n = left.get(kind) || 0;
    if (n > 0) left.set(kind, n - 1);
    else count++;
  }
  return count;
}
// Given a moment (the run's own teardown may still close them): how many are left.
async function lingeringSince(before) {
  let lingering = extra(before);
  for (let waited = 0; lingering > 0 && waited < 500; waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    lingering = extra(before);
  }
  return lingering;
}
`;
