// `gremlins run` end to end on the jest fixture (jest); expectations from tests/fixtures/README.md.
import { describeFixture } from "./run-harness.ts";

describeFixture("jest", {
  counts: { Killed: 31, Survived: 2, NoCoverage: 4 },
  survivors: ["src/backoff.js:11 attempt <= limit", 'src/backoff.js:5 ""'],
  timeouts: [],
  noCoverage: { file: "src/pairs.js", from: 13, to: 17 },
});
