// `gremlins run` end to end on the mocha fixture (mocha); expectations from tests/fixtures/README.md.
import { describeFixture } from "./run-harness.ts";

describeFixture("mocha", {
  counts: { Killed: 38, Survived: 4, NoCoverage: 4 },
  survivors: [
    "src/temperature.js:13 celsius <= 25",
    "src/temperature.js:13 24",
    "src/temperature.js:13 26",
    "src/stock.js:6 ``",
  ],
  timeouts: [],
  noCoverage: { file: "src/temperature.js", from: 7, to: 9 },
});
