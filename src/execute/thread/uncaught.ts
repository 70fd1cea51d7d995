// Errors no test owned, as the worker learns of them: Node's and Bun's process events, or, in Deno, the
// global "error" and "unhandledrejection" events, which a test's own listener may prevent (as deno test allows).

export type UncaughtKind = "uncaught-exception" | "unhandled-rejection";

/**
 * Calls `report` for each uncaught exception and unhandled rejection. In Deno it listens first on the global
 * events and reports only once every listener ran and none of the others called `preventDefault()`: a test
 * that prevents the error it expects passes under `deno test`, and so it must here. The worker itself always
 * survives the event (its own listener prevents the default, which would end the worker).
 */
export function onUncaught(report: (kind: UncaughtKind, error: unknown) => void): void {
  const target = globalThis as unknown as Partial<EventTarget> & { Deno?: unknown };
  if (target.Deno === undefined || typeof target.addEventListener !== "function") {
    process.on("unhandledRejection", (reason) => report("unhandled-rejection", reason));
    process.on("uncaughtException", (error) => report("uncaught-exception", error));
    return;
  }
  const listen = (type: string, kind: UncaughtKind, read: (event: Event) => unknown): void =>
    target.addEventListener?.(type, (event) => {
      let prevented = false;
      const own = event.preventDefault.bind(event);
      Object.defineProperty(event, "preventDefault", {
        configurable: true,
        value: () => {
          prevented = true;
          own();
        },
      });
      own();
      // The other listeners run synchronously in this dispatch; the microtask sees what they did.
      queueMicrotask(() => {
        if (!prevented) report(kind, read(event));
      });
    });
  listen("error", "uncaught-exception", (event) => (event as ErrorEvent).error);
  listen("unhandledrejection", "unhandled-rejection", (event) => (event as Event & { reason?: unknown }).reason);
}
