import type { SweepTask } from "../../reports/sweep-point.js";
import { executePoint } from "./execute-point.js";

/** Piscina entry: one sweep point per call, run on a worker thread. Returns the point's JSONL line. */
export default function runPointOnThread(msg: { task: SweepTask; cwd: string }): string {
  return executePoint(msg.task, msg.cwd);
}
