// `gremlins run` end to end on the uvu fixture (uvu test); expectations from tests/fixtures/README.md.
import { describeFixture } from "./run-harness.ts";

describeFixture("uvu", {
  counts: { Killed: 24, Survived: 4, NoCoverage: 16 },
  survivors: [
    "src/duration.js:20 seconds > 3600",
    "src/duration.js:20 3599",
    "src/duration.js:20 3601",
    "src/duration.js:14 ``",
  ],
  timeouts: [],
  noCoverage: { file: "src/plural.js", from: 8, to: 12 },
});
