// `gremlins run` end to end on the deno fixture (deno test -A); expectations from tests/fixtures/README.md.
import { describeFixture } from "./run-harness.ts";

describeFixture("deno", {
  counts: { Killed: 29, Survived: 3, NoCoverage: 10 },
  survivors: ["src/version.ts:21 compareVersions(installed, wanted) > 0", "src/version.ts:21 1", "src/version.ts:6 ``"],
  timeouts: [],
  noCoverage: { file: "src/words.ts", from: 7, to: 13 },
});
