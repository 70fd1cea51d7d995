// Written by real vitest 4 (`vitest run --update` from tests/unit/harness/snapshot-data/jest, see ../README.md).
import { describe, expect, test, vi } from "vitest";
import make from "../values.cjs";

describe("values", () => {
  for (const [title, value] of make(expect, vi.fn)) {
    test(title, () => {
      expect(value()).toMatchSnapshot();
    });
  }
});

describe("keys", () => {
  test("two in one test", () => {
    expect(1).toMatchSnapshot();
    expect(2).toMatchSnapshot();
  });
  test("hint", () => {
    expect("a").toMatchSnapshot("first hint");
    expect("b").toMatchSnapshot("first hint");
  });
  test("line\nbreak in the name", () => {
    expect("nl").toMatchSnapshot();
  });
  test("thrown message", () => {
    expect(() => {
      throw new Error("outer", { cause: new Error("inner") });
    }).toThrowErrorMatchingSnapshot();
  });
});
