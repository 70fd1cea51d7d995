// A headless Chromium (Debian's `chromium` package) driven over the DevTools protocol, for the HTML
// report tests: open a page, evaluate JavaScript in it (shadow DOM included), take screenshots.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The Chromium executable on PATH, or null (the HTML tests then skip with a message). */
export function findChromium(): string | null {
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--hide-scrollbars",
];

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class Browser {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly events: { method: string; params: unknown }[] = [];

  /** The page's session; empty while talking to the browser itself. */
  private sessionId = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
  ) {
    socket.onmessage = (event) => this.receive(String(event.data));
  }

  /** Starts Chromium with one blank page attached. */
  static async launch(executable: string, size = { width: 1280, height: 960 }): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), "gremlins-chromium-"));
    const child = spawn(
      executable,
      [
        ...CHROMIUM_FLAGS,
        `--user-data-dir=${profile}`,
        "--remote-debugging-port=0",
        `--window-size=${size.width},${size.height}`,
        "about:blank",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let err = "";
      const timer = setTimeout(() => reject(new Error(`chromium did not start:\n${err}`)), 30_000);
      child.stderr!.on("data", (chunk: Buffer) => {
        err += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.on("exit", (code) => reject(new Error(`chromium exited with ${code}:\n${err}`)));
    });
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error("cannot connect to chromium's DevTools socket"));
    });
    const page = new Browser(child, socket, profile);
    const { targetId } = (await page.send("Target.createTarget", { url: "about:blank" })) as { targetId: string };
    const { sessionId } = (await page.send("Target.attachToTarget", { targetId, flatten: true })) as {
      sessionId: string;
    };
    page.sessionId = sessionId;
    await page.send("Page.enable");
    await page.send("Runtime.enable");
    return page;
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: unknown;
      sessionId?: string;
    };
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    } else if (message.method && (message.sessionId ?? "") === this.sessionId) {
      this.events.push({ method: message.method, params: message.params });
    }
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    const payload: Record<string, unknown> = { id, method, params };
    if (this.sessionId) payload.sessionId = this.sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify(payload));
    });
  }

  /** Navigates and waits for the load event. */
  async open(url: string): Promise<void> {
    this.events.length = 0;
    await this.send("Page.navigate", { url });
    await this.waitFor(() => this.events.some((e) => e.method === "Page.loadEventFired"), 20_000, "page load");
  }

  /** Evaluates an expression (awaiting promises) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails)
      throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value as T;
  }

  /** Polls `expression` in the page until it is truthy; returns its value. */
  async poll<T>(expression: string, timeoutMs = 15_000, what = expression): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate<T>(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await Bun.sleep(100);
    }
  }

  /** Console messages and exceptions seen so far. */
  problems(): string[] {
    return this.events
      .filter((e) => e.method === "Runtime.exceptionThrown")
      .map((e) => JSON.stringify((e.params as { exceptionDetails?: unknown }).exceptionDetails));
  }

  async screenshot(): Promise<Buffer> {
    const { data } = (await this.send("Page.captureScreenshot", { format: "png" })) as { data: string };
    return Buffer.from(data, "base64");
  }

  private async waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await Bun.sleep(50);
    }
  }

  close(): void {
    try {
      this.socket.close();
    } catch {
      // already closed
    }
    this.child.kill("SIGKILL");
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/**
 * Page-side helper source: all text of the document including every open shadow root, and a finder
 * that walks shadow roots for elements matching a selector.
 */
export const DEEP_DOM = `
  globalThis.__deepText = (root = document) => {
    let text = "";
    const walk = (node) => {
      if (node.nodeName === "SCRIPT" || node.nodeName === "STYLE" || node.nodeName === "NOSCRIPT") return;
      if (node.nodeType === Node.TEXT_NODE) text += node.textContent + " ";
      if (node.shadowRoot) walk(node.shadowRoot);
      for (const child of node.childNodes) walk(child);
    };
    walk(root);
    return text.replace(/\\s+/g, " ");
  };
  globalThis.__deepAll = (selector, root = document) => {
    const found = [];
    const walk = (node) => {
      if (node.querySelectorAll) found.push(...node.querySelectorAll(selector));
      const all = node.querySelectorAll ? node.querySelectorAll("*") : [];
      for (const el of all) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(root);
    return found;
  };
  true;
`;
