// `gremlins run` end to end on the vitest fixture (vitest run); expectations from tests/fixtures/README.md.
import { describeFixture } from "./run-harness.ts";

describeFixture("vitest", {
  counts: { Killed: 22, Survived: 4, NoCoverage: 4 },
  survivors: ["src/discount.ts:10 orders > 5", "src/discount.ts:10 4", "src/discount.ts:10 6", 'src/tax.ts:5 ""'],
  timeouts: [],
  noCoverage: { file: "src/tax.ts", from: 10, to: 12 },
});
