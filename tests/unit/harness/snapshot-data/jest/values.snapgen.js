// Written by real jest 30 (`jest --ci=false` from tests/unit/harness/snapshot-data/jest, see ../README.md).
const make = require("../values.cjs");

describe("values", () => {
  for (const [title, value] of make(expect, jest.fn)) {
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
