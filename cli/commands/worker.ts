import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { UsageError } from "../errors.js";
import { jobsArg } from "./sweep.js";
import { parseRedisUrl, redisLabel } from "../sweep/redis-url.js";

interface WorkerArgs {
  queue: string;
  "queue-name": string;
  jobs?: string;
  "stall-ms": number;
  "idle-exit"?: number;
}

export const workerCommand: CommandSpec = {
  command: "worker",
  describe: "Run sweep points from a Redis queue (the other side of hwsim sweep --queue), on this machine's cores",
  builder: (y: Argv) =>
    y
      .option("queue", { type: "string", demandOption: true, describe: "Redis URL, as given to hwsim sweep --queue: redis://host:port" })
      .option("queue-name", { type: "string", default: "hwsim-sweep", describe: "BullMQ queue name" })
      .option("jobs", { type: "string", describe: "points at once, one worker thread each (default: the core count)" })
      .option("stall-ms", { type: "number", default: 30_000, describe: "job lock time: a point held by a worker that died goes back to the queue after about this long" })
      .option("idle-exit", { type: "number", describe: "exit after this many seconds without work (default: run until Ctrl-C)" }),
  valueOptions: ["queue", "queue-name", "jobs", "stall-ms", "idle-exit"],
  examples: [
    ["$0 worker --queue redis://10.0.0.5:6379", "take points from the coordinator's queue until Ctrl-C"],
    ["$0 worker --queue redis://10.0.0.5:6379 --jobs 8 --idle-exit 60", "8 at once; exit after a minute without work"],
  ],
  async run(a: WorkerArgs, ctx) {
    parseRedisUrl(a.queue);
    const jobs = jobsArg(a.jobs);
    const stallMs = a["stall-ms"];
    if (!Number.isInteger(stallMs) || stallMs < 500 || stallMs > 3_600_000) throw new UsageError(`--stall-ms ${stallMs} must be an integer from 500 to 3600000`);
    const idle = a["idle-exit"];
    if (idle !== undefined && !(idle >= 0 && idle <= 86_400)) throw new UsageError(`--idle-exit ${idle} must be a number of seconds from 0 to 86400`);
    const { runQueueWorker } = await import("../sweep/queue-worker.js");
    let onSignal: () => void = () => undefined;
    const stop = new Promise<void>((resolve) => (onSignal = resolve));
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    ctx.stderr(`hwsim worker: taking points from ${redisLabel(a.queue)} (queue ${a["queue-name"]}) on ${jobs} thread${jobs === 1 ? "" : "s"}\n`);
    const started = Date.now();
    try {
      const n = await runQueueWorker(
        { url: a.queue, name: a["queue-name"], jobs, cwd: ctx.cwd, stallMs, idleExitMs: idle === undefined ? undefined : idle * 1000, giveUpMs: 10_000, stop },
        () => undefined,
      );
      ctx.stdout(`hwsim worker: ${n} point${n === 1 ? "" : "s"} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};
