// Module graphs under new URLs: a test file's URL names its graph, and a project module imported from a
// module of graph N belongs to graph N; third-party modules and graph 0 keep their plain URLs.
import { describe, expect, test } from "bun:test";
import { epochUrl, inheritEpoch } from "../../../src/util/module-epoch.ts";

describe("epochUrl", () => {
  test.each([
    ["/p/test/a.test.js", 0, "file:///p/test/a.test.js"],
    ["/p/test/a.test.js", 3, "file:///p/test/a.test.js?gremlins-epoch=3"],
    ["/p/test/a b#1.test.ts", 2, "file:///p/test/a%20b%231.test.ts?gremlins-epoch=2"],
  ])("%s in graph %d → %s", (file, epoch, url) => {
    expect(epochUrl(file, epoch)).toBe(url);
  });
});

describe("inheritEpoch", () => {
  const parent = "file:///p/test/a.test.js?gremlins-epoch=4";
  test.each([
    ["a project module", "file:///p/src/x.js", parent, "file:///p/src/x.js?gremlins-epoch=4"],
    [
      "a project module with a query of its own",
      "file:///p/src/x.js?raw",
      parent,
      "file:///p/src/x.js?raw&gremlins-epoch=4",
    ],
    ["a dependency", "file:///p/node_modules/dep/index.js", parent, "file:///p/node_modules/dep/index.js"],
    ["a built-in", "node:fs", parent, "node:fs"],
    ["from a module of the first graph", "file:///p/src/x.js", "file:///p/test/a.test.js", "file:///p/src/x.js"],
    ["from no module (the entry)", "file:///p/src/x.js", undefined, "file:///p/src/x.js"],
    ["already in the graph", "file:///p/src/x.js?gremlins-epoch=4", parent, "file:///p/src/x.js?gremlins-epoch=4"],
  ])("%s", (_name, url, from, expected) => {
    expect(inheritEpoch(url, from)).toBe(expected);
  });
});
