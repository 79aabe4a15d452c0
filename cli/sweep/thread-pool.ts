import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { SweepTask } from "../../reports/sweep-point.js";

/**
 * The compiled worker entry. Worker threads load JavaScript, so from dist/ it is the sibling file; when this
 * module runs from TypeScript sources (vitest) it is the build's copy: `$HWSIM_DIST` or the checkout's dist/.
 */
export function pointThreadFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return path.join(path.dirname(here), "point-thread.js");
  const dist = process.env["HWSIM_DIST"] ?? path.resolve(path.dirname(here), "../../dist");
  return path.join(dist, "cli", "sweep", "point-thread.js");
}

/** Runs points on `threads` worker threads (started once, kept for the whole sweep). */
export interface PointPool {
  run(task: SweepTask, cwd: string): Promise<string>;
  close(): Promise<void>;
}

export function createPointPool(threads: number): PointPool {
  const filename = pointThreadFile();
  if (!existsSync(filename)) throw new Error(`the sweep worker ${filename} is missing: run npm run build`);
  const pool = new Piscina({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  return {
    run: (task, cwd) => pool.run({ task, cwd }) as Promise<string>,
    close: () => pool.destroy(),
  };
}
