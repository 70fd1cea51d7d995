// Keeps fake timers replay-safe: a file that turned fake timers on while loading gets them (with the
// same configuration, at the real time) for each of its tests; whatever a test or a describe block
// changes is undone when it ends.

import type { TestNode } from "./model.ts";
import type { RunPlugin } from "./runner.ts";
import type { ClockConfig, FakeClock } from "./timers.ts";

export interface TimerScope {
  /** Called after a file finished loading: remembers and resets its fake-timer state. */
  fileLoaded(file: string): void;
  plugin: RunPlugin;
}

export function createTimerScope(clock: FakeClock): TimerScope {
  const fakeFiles = new Map<string, ClockConfig>();
  /** Per entered scope: the configuration fake timers had when it began, or null when they were off. */
  const saved: (ClockConfig | null)[] = [];
  const current = (): ClockConfig | null => (clock.isInstalled() ? clock.lastConfig() : null);
  const restore = () => {
    const was = saved.pop() ?? null;
    if (was && (!clock.isInstalled() || clock.lastConfig() !== was)) clock.install({ ...was, now: clock.now });
    if (!was && clock.fakesDate()) clock.uninstall();
  };
  return {
    fileLoaded(file) {
      if (clock.isInstalled()) fakeFiles.set(file, clock.lastConfig());
      clock.uninstall();
    },
    plugin: {
      enterSuite: () => void saved.push(current()),
      exitSuite: restore,
      beforeTest(test: TestNode) {
        saved.push(current());
        const config = fakeFiles.get(test.file);
        if (config && !clock.isInstalled()) clock.install({ ...config, now: undefined });
      },
      afterTest: () => void restore(),
      afterRun: () => {
        saved.length = 0;
        clock.uninstall();
      },
    },
  };
}
