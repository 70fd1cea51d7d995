// Keeps fake timers replay-safe: a file that turned fake timers on while loading gets them for each
// of its tests; whatever a test or a describe block changes is undone when it ends.

import type { TestNode } from "./model.ts";
import type { RunPlugin } from "./runner.ts";
import type { FakeClock } from "./timers.ts";

export interface TimerScope {
  /** Called after a file finished loading: remembers and resets its fake-timer state. */
  fileLoaded(file: string): void;
  plugin: RunPlugin;
}

export function createTimerScope(clock: FakeClock): TimerScope {
  const fakeFiles = new Set<string>();
  const saved: boolean[] = [];
  const restore = () => {
    const wasFake = saved.pop() ?? false;
    if (wasFake && !clock.isInstalled()) clock.install();
    if (!wasFake && clock.isInstalled()) clock.uninstall();
  };
  return {
    fileLoaded(file) {
      if (clock.isInstalled()) {
        fakeFiles.add(file);
        clock.uninstall();
      }
    },
    plugin: {
      enterSuite: () => void saved.push(clock.isInstalled()),
      exitSuite: restore,
      beforeTest(test: TestNode) {
        saved.push(clock.isInstalled());
        if (fakeFiles.has(test.file) && !clock.isInstalled()) {
          clock.setSystemTime();
          clock.install();
        }
      },
      afterTest: () => void restore(),
      afterRun: () => {
        saved.length = 0;
        clock.uninstall();
      },
    },
  };
}
