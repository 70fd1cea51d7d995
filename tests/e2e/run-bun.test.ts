// `gremlins run` end to end on the bun fixture (bun test); expectations from tests/fixtures/README.md.
import { describeFixture } from "./run-harness.ts";

describeFixture("bun", {
  counts: { Killed: 29, Survived: 2, Timeout: 1, NoCoverage: 10 },
  survivors: ["src/range.ts:4 min >= max", 'src/range.ts:5 ""'],
  timeouts: ["src/range.ts:16 i--"],
  noCoverage: { file: "src/slug.ts", from: 10, to: 13 },
});
