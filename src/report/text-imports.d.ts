// Type of the text import in elements-bundle.ts: the file's contents as one string.
declare module "mutation-testing-elements/dist/mutation-test-elements.js" {
  const text: string;
  export default text;
}
