// `gremlins run` end to end on the tape fixture (tape test/*.test.js); expectations from tests/fixtures/README.md.
import { describeFixture } from "./run-harness.ts";

describeFixture("tape", {
  counts: { Killed: 46, Survived: 4, NoCoverage: 7 },
  survivors: ["src/grades.js:5 score > 75", "src/grades.js:5 74", "src/grades.js:5 76", 'src/grades.js:12 ""'],
  timeouts: [],
  noCoverage: { file: "src/names.js", from: 11, to: 14 },
});
