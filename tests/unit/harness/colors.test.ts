// FORCE_COLOR as supports-color reads it, and the matchers' colour level it sets (jest --color=true).
import { afterEach, describe, expect, test } from "bun:test";
import chalk from "chalk";
import { applyRunnerColors, forcedLevel } from "../../../src/harness/colors.ts";

const before = chalk.level;
afterEach(() => {
  chalk.level = before;
});

describe("runner colours", () => {
  test.each([
    ["", 1],
    ["true", 1],
    ["false", 0],
    ["0", 0],
    ["2", 2],
    ["9", 3],
    ["x", undefined],
  ] as const)("FORCE_COLOR=%p is level %p", (value, level) => {
    expect(forcedLevel(value)).toBe(level);
  });

  test("FORCE_COLOR=1 from the runner colours expect's messages; without it the level is left alone", () => {
    chalk.level = 0;
    applyRunnerColors({});
    expect(chalk.level).toBe(0);
    applyRunnerColors({ FORCE_COLOR: "1" });
    expect(chalk.level as number).toBe(1);
    expect(chalk.red("x")).toBe("\u001b[31mx\u001b[39m");
  });
});
