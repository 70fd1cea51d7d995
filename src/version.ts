// The gremlins version, taken from package.json at build time (a JSON import, so `bun build --compile` embeds it).
import pkg from "../package.json" with { type: "json" };

export const VERSION: string = pkg.version;
