// ES modules cannot be unloaded from Node's module map, so a fresh module graph is imported under new URLs
// instead: a test file as `file.ts?gremlins-epoch=N`, and every project module it reaches inherits the
// parameter (host/ts-hooks.ts' resolve hook). node_modules keep their URLs: third-party modules stay loaded.

import { pathToFileURL } from "node:url";

export const EPOCH_PARAM = "gremlins-epoch";

/** The URL that imports `file` (absolute) in module graph `epoch` (0: the first graph, the plain URL). */
export function epochUrl(file: string, epoch: number): string {
  const url = pathToFileURL(file);
  if (epoch > 0) url.searchParams.set(EPOCH_PARAM, String(epoch));
  return url.href;
}

/**
 * `url` as resolved from `parentURL`: a project file (on disk, outside node_modules) imported by a module of
 * graph N belongs to graph N too; anything else keeps its URL.
 */
export function inheritEpoch(url: string, parentURL: string | undefined): string {
  if (!parentURL?.includes(`${EPOCH_PARAM}=`) || !url.startsWith("file:") || url.includes("/node_modules/")) return url;
  const epoch = new URL(parentURL).searchParams.get(EPOCH_PARAM);
  if (epoch === null) return url;
  const resolved = new URL(url);
  if (resolved.searchParams.get(EPOCH_PARAM) === epoch) return url;
  // Appended, not set: the module's own query stays as written.
  const param = `${EPOCH_PARAM}=${encodeURIComponent(epoch)}`;
  resolved.search = resolved.search ? `${resolved.search}&${param}` : `?${param}`;
  return resolved.href;
}
