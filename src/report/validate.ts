// Checks a parsed JSON value against mutation-testing-report-schema (draft-07) by hand, so reading
// reports needs no JSON-schema engine at run time. Returns the problems found, empty when valid.

const STATUSES = new Set([
  "Killed",
  "Survived",
  "NoCoverage",
  "CompileError",
  "RuntimeError",
  "Timeout",
  "Ignored",
  "Pending",
]);
const SCHEMA_VERSION = /^([1-2])(\.(([1-9]\d*)|0)){0,2}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Checker {
  readonly problems: string[] = [];

  fail(path: string, message: string): void {
    this.problems.push(`${path || "report"} ${message}`);
  }

  object(value: unknown, path: string): value is Json {
    if (isObject(value)) return true;
    this.fail(path, "must be an object");
    return false;
  }

  required(obj: Json, keys: string[], path: string): void {
    for (const key of keys) if (!(key in obj)) this.fail(path, `must have property "${key}"`);
  }

  /** Type-check `obj[key]` when present. */
  optional(obj: Json, key: string, type: "string" | "number" | "boolean" | "object", path: string): void {
    if (!(key in obj)) return;
    const value = obj[key];
    const ok =
      type === "object" ? isObject(value) : typeof value === type && !(type === "number" && !Number.isFinite(value));
    if (!ok) this.fail(`${path}.${key}`, `must be ${type === "object" ? "an object" : `a ${type}`}`);
  }

  stringArray(obj: Json, key: string, path: string): void {
    if (!(key in obj)) return;
    const value = obj[key];
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
      this.fail(`${path}.${key}`, "must be an array of strings");
    }
  }

  integer(obj: Json, key: string, path: string, min: number, max = Number.POSITIVE_INFINITY): void {
    const value = obj[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `within ${min}..${max}`;
      this.fail(`${path}.${key}`, `must be an integer ${range}`);
    }
  }

  position(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    this.required(value, ["line", "column"], path);
    if ("line" in value) this.integer(value, "line", path, 1);
    if ("column" in value) this.integer(value, "column", path, 1);
  }

  location(value: unknown, path: string, endRequired: boolean): void {
    if (!this.object(value, path)) return;
    this.required(value, endRequired ? ["start", "end"] : ["start"], path);
    if ("start" in value) this.position(value.start, `${path}.start`);
    if ("end" in value) this.position(value.end, `${path}.end`);
  }

  mutant(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    this.required(value, ["id", "mutatorName", "location", "status"], path);
    for (const key of ["id", "mutatorName", "replacement", "description", "statusReason"]) {
      this.optional(value, key, "string", path);
    }
    for (const key of ["duration", "testsCompleted"]) this.optional(value, key, "number", path);
    this.optional(value, "static", "boolean", path);
    this.stringArray(value, "coveredBy", path);
    this.stringArray(value, "killedBy", path);
    if ("location" in value) this.location(value.location, `${path}.location`, true);
    if ("status" in value && !STATUSES.has(value.status as string)) {
      this.fail(`${path}.status`, `must be one of ${[...STATUSES].join(", ")}`);
    }
  }

  file(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    this.required(value, ["language", "source", "mutants"], path);
    this.optional(value, "language", "string", path);
    this.optional(value, "source", "string", path);
    if (!("mutants" in value)) return;
    if (!Array.isArray(value.mutants)) {
      this.fail(`${path}.mutants`, "must be an array");
      return;
    }
    value.mutants.forEach((m, i) => this.mutant(m, `${path}.mutants[${i}]`));
    // uniqueItems: in practice a repeated mutant id; the viewer keys mutants by id.
    const ids = value.mutants.map((m) => (isObject(m) ? m.id : undefined)).filter((id) => typeof id === "string");
    const seen = new Set<unknown>();
    for (const id of ids) {
      if (seen.has(id)) this.fail(`${path}.mutants`, `has a duplicate mutant id "${String(id)}"`);
      seen.add(id);
    }
  }

  testFile(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    this.required(value, ["tests"], path);
    this.optional(value, "source", "string", path);
    if (!("tests" in value)) return;
    if (!Array.isArray(value.tests)) {
      this.fail(`${path}.tests`, "must be an array");
      return;
    }
    value.tests.forEach((test, i) => {
      const at = `${path}.tests[${i}]`;
      if (!this.object(test, at)) return;
      this.required(test, ["id", "name"], at);
      this.optional(test, "id", "string", at);
      this.optional(test, "name", "string", at);
      if ("location" in test) this.location(test.location, `${at}.location`, false);
    });
  }
}

export function validateMutationTestReport(data: unknown): string[] {
  const c = new Checker();
  if (!c.object(data, "")) return c.problems;
  c.required(data, ["schemaVersion", "thresholds", "files"], "report");
  if ("schemaVersion" in data && (typeof data.schemaVersion !== "string" || !SCHEMA_VERSION.test(data.schemaVersion))) {
    c.fail("schemaVersion", 'must be a version string such as "1" or "2.0"');
  }
  if ("thresholds" in data && c.object(data.thresholds, "thresholds")) {
    c.required(data.thresholds, ["high", "low"], "thresholds");
    if ("high" in data.thresholds) c.integer(data.thresholds, "high", "thresholds", 0, 100);
    if ("low" in data.thresholds) c.integer(data.thresholds, "low", "thresholds", 0, 100);
  }
  if ("files" in data && c.object(data.files, "files")) {
    for (const [name, file] of Object.entries(data.files)) c.file(file, `files[${JSON.stringify(name)}]`);
  }
  if ("testFiles" in data && c.object(data.testFiles, "testFiles")) {
    for (const [name, file] of Object.entries(data.testFiles)) c.testFile(file, `testFiles[${JSON.stringify(name)}]`);
  }
  c.optional(data, "projectRoot", "string", "report");
  c.optional(data, "config", "object", "report");
  if ("framework" in data && c.object(data.framework, "framework")) {
    c.required(data.framework, ["name"], "framework");
    c.optional(data.framework, "name", "string", "framework");
    c.optional(data.framework, "version", "string", "framework");
  }
  if ("performance" in data && c.object(data.performance, "performance")) {
    c.required(data.performance, ["setup", "initialRun", "mutation"], "performance");
    for (const key of ["setup", "initialRun", "mutation"]) c.optional(data.performance, key, "number", "performance");
  }
  if ("system" in data && c.object(data.system, "system")) {
    c.required(data.system, ["ci"], "system");
    c.optional(data.system, "ci", "boolean", "system");
  }
  return c.problems;
}
