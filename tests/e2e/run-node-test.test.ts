// `gremlins run` end to end on the node-test fixture (node --test); expectations from tests/fixtures/README.md.
import { describeFixture } from "./run-harness.ts";

describeFixture("node-test", {
  counts: { Killed: 43, Survived: 4, Timeout: 1, NoCoverage: 10 },
  survivors: ["src/cart.js:16 qty > 10", "src/cart.js:16 9", "src/cart.js:16 11", 'src/money.js:5 ""'],
  timeouts: ["src/cart.js:5 i--"],
  noCoverage: { file: "src/money.js", from: 12, to: 15 },
});
