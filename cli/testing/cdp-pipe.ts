import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";

/**
 * A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fd 3: to the browser, fd 4: from it;
 * messages are JSON terminated by NUL). No dependency and no port: the browser is the system's chromium.
 */
export interface Cdp {
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<Record<string, unknown>>;
  on(method: string, listener: (params: Record<string, unknown>, sessionId?: string) => void): void;
  close(): Promise<void>;
  readonly process: ChildProcess;
}

export function launchChromium(binary: string, userDataDir: string, extraArgs: readonly string[] = []): Cdp {
  const proc = spawn(
    binary,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--remote-debugging-pipe",
      `--user-data-dir=${userDataDir}`,
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-extensions",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--mute-audio",
      ...extraArgs,
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  const toBrowser = proc.stdio[3] as Writable;
  const fromBrowser = proc.stdio[4] as Readable;
  let stderr = "";
  (proc.stdio[2] as Readable).on("data", (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }>();
  const listeners = new Map<string, ((p: Record<string, unknown>, s?: string) => void)[]>();
  let buffer = Buffer.alloc(0);
  fromBrowser.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end: number;
    while ((end = buffer.indexOf(0)) >= 0) {
      const msg = JSON.parse(buffer.subarray(0, end).toString("utf8")) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      buffer = buffer.subarray(end + 1);
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p?.resolve(msg.result ?? {});
      } else if (msg.method) {
        for (const l of listeners.get(msg.method) ?? []) l(msg.params ?? {}, msg.sessionId);
      }
    }
  });
  const exited = new Promise<void>((resolve) => proc.on("exit", () => resolve()));
  proc.on("exit", (code) => {
    for (const p of pending.values()) p.reject(new Error(`chromium exited (code ${code}) during ${p.method}: ${stderr}`));
    pending.clear();
  });
  proc.on("error", (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  return {
    process: proc,
    send(method, params = {}, sessionId) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
      });
    },
    on(method, listener) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener]);
    },
    async close() {
      if (proc.exitCode !== null) return;
      const timer = setTimeout(() => proc.kill("SIGKILL"), 3000);
      try {
        await Promise.race([this.send("Browser.close"), exited]);
      } catch {
        proc.kill("SIGKILL");
      }
      await exited;
      clearTimeout(timer);
    },
  };
}
