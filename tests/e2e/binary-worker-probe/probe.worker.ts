// Probe worker for tests/e2e/binary-workers.test.ts: answers with a value computed from its workerData.
import { parentPort, workerData } from "node:worker_threads";

parentPort?.postMessage(`worker says ${(workerData as number) * 2 + 2}`);
