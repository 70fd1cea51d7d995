// LoadScope where each test file loads from its own copy of the project: a gremlin reached while a file
// loads is that file's; one reached outside any file's load (a preload) is left unscoped.
import { describe, expect, test } from "bun:test";
import { LoadScope } from "../../../../src/execute/thread/load-scope.ts";

describe("LoadScope, files apart", () => {
  test("credits the test file loading; a hit between files leaves the gremlin unscoped", () => {
    const scope = new LoadScope("/p", ["/p/test/a.test.js", "/p/test/b.test.js"], true);
    scope.track(true);
    scope.reached(9); // a preload, before any file
    scope.loadingFile = "test/a.test.js";
    scope.reached(1);
    scope.reached(2);
    scope.reached(9);
    scope.loadingFile = "test/b.test.js";
    scope.reached(2);
    scope.loadingFile = "";
    scope.track(false);
    expect(scope.scopes()).toEqual([
      [1, ["test/a.test.js"]],
      [2, ["test/a.test.js", "test/b.test.js"]],
    ]);
  });
});
