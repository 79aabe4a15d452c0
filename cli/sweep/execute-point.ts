import type { Workload } from "../../workloads/layer.js";
import type { SweepTask } from "../../reports/sweep-point.js";
import { lineText } from "../../reports/sweep-line.js";
import { runSweepPoint } from "../../reports/sweep-run-point.js";
import { resolveTask } from "./resolve-points.js";

/** Workloads already built in this thread, by their string. */
const workloads = new Map<string, Workload>();

/** Run one point where it lands (a worker thread): resolve its strings, simulate, and return its JSONL line. */
export function executePoint(task: SweepTask, cwd: string): string {
  const { point, sample } = resolveTask(task, cwd, workloads);
  return lineText(runSweepPoint(task, point, sample));
}
