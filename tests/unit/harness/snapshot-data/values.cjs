// Values both real runners snapshotted to write the .snap files beside this file (see README.md);
// the harness's serialiser must print each of them exactly as the runner stored it.
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
}

const circular = { name: "loop" };
circular.self = circular;

/** [title, () => value]; `expect` gives the asymmetric matchers, `fn` the runner's mock function. */
module.exports = (expect, fn) => [
  ["number", () => 42],
  ["negative zero", () => -0],
  ["not a number", () => Number.NaN],
  ["infinity", () => -Infinity],
  ["bigint", () => 12345678901234567890n],
  ["string", () => "plain"],
  ["string with quotes and escapes", () => `say "hi" \\ back \`tick\` \${x}`],
  ["multi-line string", () => "first\nsecond\r\nthird"],
  ["empty string", () => ""],
  ["null and undefined", () => [null, undefined]],
  ["boolean", () => true],
  ["symbol", () => Symbol("tag")],
  ["nested object", () => ({ b: { c: [1, { d: "e" }] }, a: 1, "needs quotes": true })],
  ["empty containers", () => ({ o: {}, a: [], m: new Map(), s: new Set() })],
  ["map and set", () => ({ m: new Map([["k", { v: 1 }], [2, "two"]]), s: new Set(["x", 3]) })],
  ["date and regexp", () => ({ d: new Date(Date.UTC(2020, 1, 3, 4, 5, 6, 7)), r: /^a[.]b\/c$/gi })],
  ["invalid date", () => new Date(Number.NaN)],
  ["error", () => new TypeError("wrong type")],
  ["class instance", () => new Point(1, 2)],
  ["null prototype", () => Object.assign(Object.create(null), { k: "v" })],
  ["function", () => function named() {}],
  ["arrow in object", () => ({ f: () => 1 })],
  ["typed array", () => new Uint8Array([1, 2, 3])],
  ["array buffer view", () => new Float64Array(2)],
  ["sparse array", () => [1, , 3]],
  ["symbol keys", () => ({ [Symbol("s")]: 1, plain: 2 })],
  ["circular", () => circular],
  ["asymmetric matchers", () => ({ any: expect.any(String), anything: expect.anything(), obj: expect.objectContaining({ a: 1 }), arr: expect.arrayContaining([1]), str: expect.stringMatching(/x+/) })],
  ["unnamed mock, not called", () => fn()],
  ["unnamed mock, called", () => { const f = fn((a) => a * 2); f(3); return f; }],
  ["named mock", () => fn().mockName("loader")],
  ["long array", () => Array.from({ length: 12 }, (_, i) => i)],
  ["deeply nested", () => ({ a: { b: { c: { d: { e: { f: "deep" } } } } } })],
  ["unicode", () => ({ "ключ": "значение", emoji: "🙂" })],
];
