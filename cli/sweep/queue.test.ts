import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";
import { fileLines, runCli, startCli, waitFor } from "../testing/spawn-cli.js";
import type { RedisServer } from "../testing/redis-server.js";
import { startRedis } from "../testing/redis-server.js";

/** 6 points of roughly 0.2 s each: long enough to kill a worker inside one. */
const SPEC = `precisions: [int8, fp8, mxfp4]
hardware: ["mac-array:rows=[16,32]"]
workloads: ["gemm:m=128,n=160,k=384"]
`;

let dir: string;
let reference: string[];
const servers: RedisServer[] = [];
const children: { kill(sig: NodeJS.Signals): boolean; exitCode: number | null }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "hwsim-queue-"));
  writeFileSync(path.join(dir, "spec.yaml"), SPEC);
  const ctx = fakeContext(dir);
  expect(await main(["sweep", "spec.yaml", "--out", "local.jsonl", "--jobs", "2"], ctx), ctx.stderrText()).toBe(0);
  reference = fileLines(path.join(dir, "local.jsonl")).sort();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function redis(port?: number): Promise<RedisServer> {
  const s = await startRedis(port);
  servers.push(s);
  return s;
}

function worker(url: string) {
  const w = startCli(["worker", "--queue", url, "--jobs", "1", "--stall-ms", "1000"], dir);
  children.push(w.child);
  return w;
}

function sweep(url: string, out: string) {
  const c = startCli(["sweep", "spec.yaml", "--queue", url, "--out", out], dir);
  children.push(c.child);
  return c;
}

function ids(lines: string[]): string[] {
  return lines.map((l) => JSON.parse(l).id);
}

describe("hwsim sweep --queue with hwsim worker, on a real redis-server", () => {
  it("loses no point and duplicates none when one of two workers is SIGKILLed mid-job", async () => {
    const r = await redis();
    const a = worker(r.url);
    const b = worker(r.url);
    const coordinator = sweep(r.url, "two.jsonl");
    const q = new Queue("hwsim-sweep", { connection: { host: "127.0.0.1", port: r.port } });
    try {
      // Both single-thread workers hold a point: killing one now kills it inside a job.
      await waitFor(async () => (await q.getActiveCount()) === 2, 30_000, "both workers busy");
    } finally {
      await q.close();
    }
    a.child.kill("SIGKILL");
    expect((await a.done).signal).toBe("SIGKILL");
    const done = await coordinator.done;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^hwsim sweep: 6 points, 6 ran through the queue in [\d.]+ s, 0 already in two\.jsonl/);
    const lines = fileLines(path.join(dir, "two.jsonl"));
    expect(new Set(ids(lines)).size).toBe(lines.length);
    expect(lines.sort()).toEqual(reference);
    b.child.kill("SIGTERM");
    const bDone = await b.done;
    expect(bDone.code, bDone.stderr).toBe(0);
    expect(bDone.stdout).toMatch(/^hwsim worker: \d+ points? done/);
  });

  it("exits 2 with one line when Redis stops mid-sweep, and a rerun resumes", async () => {
    const r = await redis();
    const w = worker(r.url);
    const file = path.join(dir, "stop.jsonl");
    const coordinator = sweep(r.url, "stop.jsonl");
    await waitFor(() => fileLines(file).length >= 1, 30_000, "a result");
    await r.stop();
    const done = await coordinator.done;
    expect(done.code).toBe(2);
    expect(done.stderr).toMatch(/^hwsim: lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+ \([^)]+\): \d+ of 6 points written to stop\.jsonl; rerun the same command to resume\n$/);
    const partial = fileLines(file);
    expect(readFileSync(file, "utf8").endsWith("\n")).toBe(true);
    expect(partial.length).toBeLessThan(6);
    for (const l of partial) expect(reference).toContain(l);
    w.child.kill("SIGKILL");
    await w.done;

    const again = await redis(r.port);
    const w2 = worker(again.url);
    const rerun = await runCli(["sweep", "spec.yaml", "--queue", again.url, "--out", "stop.jsonl"], dir);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${partial.length} already in stop.jsonl`);
    expect(fileLines(file).sort()).toEqual(reference);
    w2.child.kill("SIGTERM");
    expect((await w2.done).code).toBe(0);
  });

  it("says in one line when no Redis answers", async () => {
    const r = await redis();
    await r.stop();
    const run = await runCli(["sweep", "spec.yaml", "--queue", r.url, "--out", "none.jsonl"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hwsim: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): start redis-server there, or check --queue\n$/);
  });
});
