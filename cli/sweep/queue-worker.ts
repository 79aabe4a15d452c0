import { Worker } from "bullmq";
import type { SweepTask } from "../../reports/sweep-point.js";
import { UsageError } from "../errors.js";
import { connectionOptions, parseRedisUrl, redisLabel } from "./redis-url.js";
import { createPointPool } from "./thread-pool.js";
import { atMost, within } from "./at-most.js";

export interface WorkerRun {
  readonly url: string;
  readonly name: string;
  readonly jobs: number;
  readonly cwd: string;
  /** Lock time of a job: a worker that dies loses its points to the others after about this long. */
  readonly stallMs: number;
  /** Stop after the queue has had no work for this long (undefined: run until stopped). */
  readonly idleExitMs?: number;
  /** How long a lost Redis may take to come back before the worker gives up. */
  readonly giveUpMs: number;
  /** Resolves when the worker should stop (a signal); it finishes the points it holds first. */
  readonly stop: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A timer that does not keep the process alive: for bounding a wait, never for pacing a loop. */

/**
 * Take points from the queue and run them on `jobs` worker threads (the event loop stays free, so BullMQ
 * keeps renewing the job locks however long a point runs). Returns the number of points done.
 */
export async function runQueueWorker(o: WorkerRun, onPoint: (task: SweepTask, ms: number) => void): Promise<number> {
  const target = parseRedisUrl(o.url);
  const label = redisLabel(o.url);
  const pool = createPointPool(o.jobs);
  let count = 0;
  let lastActive = Date.now();
  let busy = 0;
  let lastError: Error | undefined;
  let redis: { status: string } | undefined;
  const client = () => redis ?? { status: "end" };
  const worker = new Worker(
    o.name,
    async (job) => {
      const task = (job.data as { task: SweepTask }).task;
      busy++;
      const t0 = Date.now();
      try {
        const line = await pool.run(task, o.cwd);
        count++;
        onPoint(task, Date.now() - t0);
        return line;
      } finally {
        busy--;
        lastActive = Date.now();
      }
    },
    {
      connection: connectionOptions(target, o.giveUpMs),
      concurrency: o.jobs,
      lockDuration: o.stallMs,
      stalledInterval: o.stallMs,
      maxStalledCount: 2,
      autorun: false,
    },
  );
  worker.on("error", (e) => void (lastError = e));
  let stopped = false;
  void o.stop.then(() => void (stopped = true));
  const running = worker.run().catch((e: unknown) => void (lastError = e as Error));
  try {
    try {
      await within(worker.waitUntilReady(), o.giveUpMs + 2000, "connecting");
    } catch (e) {
      throw new UsageError(`cannot reach Redis at ${label} (${(lastError as NodeJS.ErrnoException | undefined)?.code ?? (e as Error).message}): start redis-server there, or check --queue`);
    }
    redis = await worker.client;
    for (;;) {
      await sleep(200);
      if (stopped) break;
      if (client().status === "end") {
        throw new UsageError(`lost the connection to Redis at ${label} (${(lastError as NodeJS.ErrnoException | undefined)?.code ?? lastError?.message ?? "closed"}) after ${count} points: restart the worker when Redis is back`);
      }
      if (o.idleExitMs !== undefined && busy === 0 && Date.now() - lastActive > o.idleExitMs) break;
    }
  } finally {
    // Stop taking points, let the ones in hand finish and report back, then close (BullMQ's close can wait on
    // its blocking read, so it gets a bounded time).
    void worker.pause(true).catch(() => undefined);
    while (busy > 0 && client().status === "ready") await sleep(50);
    await atMost(worker.close(true), 1000);
    await atMost(running, 500);
    await worker.disconnect().catch(() => undefined);
    await pool.close();
  }
  return count;
}
