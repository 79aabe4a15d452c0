import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createConnection, createServer } from "node:net";

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ host: "127.0.0.1", port });
    let got = "";
    c.on("connect", () => c.write("PING\r\n"));
    c.on("data", (d) => {
      got += d;
      if (got.includes("\r\n")) {
        c.destroy();
        resolve(got.startsWith("+PONG"));
      }
    });
    c.on("error", () => resolve(false));
    setTimeout(() => (c.destroy(), resolve(false)), 500);
  });
}

/** A throwaway redis-server on 127.0.0.1 (no persistence), started by the test and stopped by it. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Start redis-server on `port` (default: a free one). Fails, with the fix, when redis-server is not installed:
 * these tests never skip.
 */
export async function startRedis(port?: number): Promise<RedisServer> {
  if (spawnSync("redis-server", ["--version"]).error) {
    throw new Error("redis-server is not installed: the queue tests need it (apt-get install -y redis-server; .ci/run installs it)");
  }
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn("redis-server", ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const end = Date.now() + 10_000;
  while (!(await answersPing(p))) {
    if (child.exitCode !== null || Date.now() > end) throw new Error(`redis-server did not start on port ${p}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
