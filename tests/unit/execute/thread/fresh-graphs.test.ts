// Fresh module graphs in a warm worker: CommonJS by emptying require's cache, ES modules under new URLs
// (never unloaded, so a worker holding many graphs is retired).
import { describe, expect, test } from "bun:test";
import { FreshGraphs, MAX_GRAPHS } from "../../../../src/execute/thread/fresh-graphs.ts";

describe("FreshGraphs", () => {
  test("a suite in require's cache keeps its URLs: a fresh graph is an emptied cache, nothing to retire", () => {
    const graphs = new FreshGraphs("/nowhere");
    graphs.requireCached = true;
    graphs.begin();
    graphs.begin();
    expect(graphs.epoch).toBe(0);
    expect(graphs.retireReason()).toBeNull();
    expect(graphs.possible(false)).toBe(true);
  });

  test("files loaded through the esm package cannot be loaded afresh", () => {
    const graphs = new FreshGraphs("/nowhere");
    graphs.requireCached = true;
    expect(graphs.possible(true)).toBe(false);
  });

  test(`a worker is retired once it holds ${MAX_GRAPHS} graphs of ES modules`, () => {
    const graphs = new FreshGraphs("/nowhere");
    graphs.epoch = MAX_GRAPHS - 1;
    expect(graphs.retireReason()).toBeNull();
    graphs.epoch = MAX_GRAPHS;
    expect(graphs.retireReason()).toBe(`${MAX_GRAPHS} module graphs imported`);
  });
});
