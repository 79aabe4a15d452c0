import { Queue } from "bullmq";
import type { SweepTask } from "../../reports/sweep-point.js";
import { UsageError } from "../errors.js";
import { connectionOptions, parseRedisUrl, redisLabel } from "./redis-url.js";
import { atMost, within } from "./at-most.js";

export interface QueueRun {
  readonly url: string;
  readonly name: string;
  readonly cwd: string;
  readonly resultsName: string;
  /** How long the coordinator waits for a lost Redis to come back before it gives up (default 1.5 s). */
  readonly giveUpMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A timer that does not keep the process alive: for bounding a wait, never for pacing a loop. */


/**
 * Coordinate a sweep through a BullMQ queue: every point becomes a job whose id is the point id (so a point is
 * queued once however often the coordinator restarts), `hwsim worker` processes take them, and each result
 * comes back as the job's return value. `done` gets it (the results file ignores an id it already has), then
 * the job is removed. Workers that die are BullMQ's business: their jobs stall and go back to the queue.
 * A lost Redis ends the run with a UsageError (one line, exit 2); what was written stays, and a rerun resumes.
 */
export async function runOnQueue(todo: readonly SweepTask[], o: QueueRun, done: (task: SweepTask, line: string) => void): Promise<void> {
  if (todo.length === 0) return;
  const target = parseRedisUrl(o.url);
  const label = redisLabel(o.url);
  const giveUpMs = o.giveUpMs ?? 1500;
  const queue = new Queue(o.name, { connection: connectionOptions(target, giveUpMs, { enableOfflineQueue: false }) });
  let lastError: Error | undefined;
  queue.on("error", (e) => void (lastError = e));
  const pending = new Map(todo.map((t) => [t.id, t]));
  let written = 0;
  const lost = (e: unknown) => {
    const why = ((e as NodeJS.ErrnoException).code ?? (lastError as NodeJS.ErrnoException | undefined)?.code ?? (e instanceof Error ? e.message : String(e))).toString().split("\n")[0];
    return new UsageError(
      `lost the connection to Redis at ${label} (${why}): ${written} of ${todo.length} points written to ${o.resultsName}; rerun the same command to resume`,
    );
  };
  const call = async <T>(p: () => Promise<T>, what: string): Promise<T> => {
    try {
      return await within(p(), giveUpMs + 5000, what);
    } catch (e) {
      throw lost(e);
    }
  };
  try {
    try {
      await within(queue.waitUntilReady(), giveUpMs + 1000, "connecting");
    } catch (e) {
      const why = (lastError as NodeJS.ErrnoException | undefined)?.code ?? (e instanceof Error ? e.message : String(e));
      throw new UsageError(`cannot reach Redis at ${label} (${why}): start redis-server there, or check --queue`);
    }
    // A point that failed in an earlier run is queued afresh.
    for (const j of await call(() => queue.getJobs(["failed"], 0, -1), "listing failed jobs")) {
      if (j.id && pending.has(j.id)) await call(() => queue.remove(j.id!), "removing a failed job");
    }
    await call(() => queue.addBulk(todo.map((t) => ({ name: "point", data: { task: t }, opts: { jobId: t.id, attempts: 2, removeOnComplete: false, removeOnFail: false } }))), "queueing points");
    while (pending.size > 0) {
      const completed = await call(() => queue.getJobs(["completed"], 0, 999, true), "polling results");
      for (const j of completed) {
        const task = j.id !== undefined ? pending.get(j.id) : undefined;
        if (!task) continue;
        done(task, String(j.returnvalue));
        written++;
        pending.delete(task.id);
        await call(() => queue.remove(task.id), "removing a finished job");
      }
      if (completed.length < 1000) {
        const failed = await call(() => queue.getJobs(["failed"], 0, 99, true), "polling failures");
        const mine = failed.find((j) => j.id !== undefined && pending.has(j.id));
        if (mine) throw new Error(`point ${mine.id} failed on a worker: ${mine.failedReason}`);
        await sleep(completed.length ? 0 : 100);
      }
    }
  } finally {
    await atMost(queue.close(), 1000);
    await atMost(queue.disconnect(), 1000);
  }
}
