// The mutation-testing-elements browser bundle as a string, for inlining into mutation.html. The text
// import is resolved at build time by Bun.build (npm bundle and compiled binary) and natively by Bun/Deno.
import bundle from "mutation-testing-elements/dist/mutation-test-elements.js" with { type: "text" };

export const ELEMENTS_BUNDLE: string = bundle;
