import type { SweepTask } from "../../reports/sweep-point.js";
import { createPointPool } from "./thread-pool.js";

/**
 * Run points on `jobs` worker threads; `done` gets each point's line as it finishes (in completion order).
 * The first failure stops the sweep (lines already handed to `done` stay written).
 */
export async function runLocal(tasks: readonly SweepTask[], jobs: number, cwd: string, done: (task: SweepTask, line: string) => void): Promise<void> {
  if (tasks.length === 0) return;
  const pool = createPointPool(Math.min(jobs, tasks.length));
  try {
    await Promise.all(tasks.map((t) => pool.run(t, cwd).then((line) => done(t, line))));
  } finally {
    await pool.close();
  }
}
