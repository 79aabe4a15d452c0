import { availableParallelism } from "node:os";
import path from "node:path";
import type { Argv } from "yargs";
import YAML from "yaml";
import type { CommandSpec } from "../command.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { readInputFile } from "../inputs.js";
import { parseSweepSpec } from "../../reports/sweep-spec.js";
import type { SweepTask } from "../../reports/sweep-point.js";
import { resolveSweep } from "../sweep/resolve-points.js";
import { openResults, readResults } from "../sweep/results-file.js";
import { checkReportTargets, reportTargets, writeReport } from "../sweep/report-files.js";
import { runLocal } from "../sweep/run-local.js";
import { sweepProgress } from "../sweep/progress.js";

interface SweepArgs {
  spec?: string;
  out?: string;
  jobs?: string;
  seed?: number;
  sample?: string;
  node?: number;
  energy?: string;
  report?: string;
  queue?: string;
  "queue-name": string;
  top: number;
  force: boolean;
}

/** `--jobs N`: 1 to 1024 worker threads. Taken as text, so that `--jobs abc` is named as given (not as NaN). */
export function jobsArg(text: string | number | undefined, flag = "--jobs"): number {
  if (text === undefined) return availableParallelism();
  const n = typeof text === "number" ? text : /^\s*[+-]?\d+(\.\d*)?\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError(`${flag} '${text}' must be an integer from 1 to 1024`);
  return n;
}

/** The results path: --out, or the spec's name with .jsonl, in the working directory. */
function resultsPath(ctx: CliContext, a: SweepArgs): { file: string; name: string } {
  const name = a.out ?? `${path.basename(a.spec!, path.extname(a.spec!))}.jsonl`;
  if (!name.toLowerCase().endsWith(".jsonl")) throw new UsageError(`--out '${name}' must end in .jsonl (the report is written next to it)`);
  return { file: path.resolve(ctx.cwd, name), name };
}

function readSpec(ctx: CliContext, a: SweepArgs) {
  const text = readInputFile(ctx, a.spec!, "sweep spec");
  let doc: unknown;
  try {
    doc = YAML.parse(text, { uniqueKeys: true });
  } catch (e) {
    throw new UsageError(`sweep spec '${a.spec}' is not valid YAML: ${(e as Error).message.split("\n")[0]!.replace(/:$/, "")}`);
  }
  const spec = parseSweepSpec(doc, { seed: a.seed, sample: a.sample, node: a.node, energy: a.energy });
  if (!spec.ok) throw new UsageError(`sweep spec '${a.spec}': ${spec.reason}`);
  return spec.value;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const sweepCommand: CommandSpec = {
  command: "sweep [spec]",
  describe: "Sweep precisions × hardware × workloads from a YAML spec on every core (or a Redis queue): resumable JSONL results and a Pareto report",
  builder: (y: Argv) =>
    y
      .positional("spec", { type: "string", describe: "YAML spec: precisions, hardware, workloads (grids like mac-array:rows=[16,32]), seed, sample, node, energy" })
      .option("out", { type: "string", describe: "results file, JSON Lines (default: the spec's name with .jsonl); the report goes next to it" })
      .option("jobs", { type: "string", describe: "worker threads (default: the core count)" })
      .option("seed", { type: "number", describe: "override the spec's seed" })
      .option("sample", { type: "string", describe: "override the spec's sample: auto, 0 or a fraction in (0, 1]" })
      .option("node", { type: "number", describe: "override the spec's technology node (45, 28, 16, 7, 5 nm)" })
      .option("energy", { type: "string", choices: ["table", "activity"], describe: "override the spec's energy mode" })
      .option("report", { type: "string", describe: "rebuild the report from this results file alone (no spec, nothing runs)" })
      .option("queue", { type: "string", describe: "run the points on a BullMQ queue in Redis (redis://host:port); start `hwsim worker --queue ...` anywhere" })
      .option("queue-name", { type: "string", default: "hwsim-sweep", describe: "BullMQ queue name" })
      .option("top", { type: "number", default: 5, describe: "rows in each top-k table of the report" })
      .option("force", { type: "boolean", default: false, describe: "overwrite report files that hwsim did not write" }),
  valueOptions: ["out", "jobs", "seed", "sample", "node", "energy", "report", "queue", "queue-name", "top"],
  examples: [
    ["$0 sweep sweep.yaml --out results.jsonl", "every point on every core; rerun to resume after a crash"],
    ["$0 sweep sweep.yaml --seed 7 --sample 0.1 --jobs 2", "override the spec's seed and sampling"],
    ["$0 sweep --report results.jsonl", "rebuild results.md, results.csv and the plots from the results alone"],
    ["$0 sweep sweep.yaml --queue redis://10.0.0.5:6379", "coordinate: points go on a Redis queue for `hwsim worker`"],
  ],
  async run(a: SweepArgs, ctx) {
    const top = a.top;
    if (!Number.isInteger(top) || top < 1 || top > 1000) throw new UsageError(`--top ${top} must be an integer from 1 to 1000`);
    if (a.report !== undefined) {
      if (a.spec !== undefined || a.queue !== undefined) throw new UsageError("--report rebuilds a report from results alone: give a spec or --report, not both");
      const file = path.resolve(ctx.cwd, a.report);
      if (!a.report.toLowerCase().endsWith(".jsonl")) throw new UsageError(`--report '${a.report}' must be a .jsonl results file`);
      const content = readResults(file, a.report);
      if (content.lines.length === 0 && content.tornBytes === 0) throw new UsageError(`--report '${a.report}': no results (the file is empty or missing)`);
      const targets = reportTargets(file, content.lines.map((l) => l.workload));
      checkReportTargets(targets, content.lines.map((l) => l.workload), a.force);
      const r = await writeReport(content.lines, targets, a.report, top);
      ctx.stdout(`hwsim sweep: report ${path.relative(ctx.cwd, targets.md)} from ${content.lines.length} points (${r.workloads} workload${r.workloads === 1 ? "" : "s"}, ${r.front} on the Pareto front)\n`);
      return;
    }
    if (a.spec === undefined) throw new UsageError("give a sweep spec (hwsim sweep sweep.yaml) or --report results.jsonl");
    const jobs = jobsArg(a.jobs);
    const spec = readSpec(ctx, a);
    const { tasks, merged } = resolveSweep(ctx, spec);
    const out = resultsPath(ctx, a);
    // Nothing runs before every target is known to be writable.
    const results = openResults(out.file, out.name);
    try {
      const workloads = new Set([...results.existing.map((l) => l.workload), ...tasks.map((t) => t.workload)]);
      const targets = reportTargets(out.file, workloads);
      checkReportTargets(targets, workloads, a.force);
      const todo = tasks.filter((t) => !results.ids.has(t.id));
      const progress = sweepProgress(ctx, todo.length);
      const started = Date.now();
      let ran = 0;
      let unsupported = 0;
      const done = (t: SweepTask, line: string) => {
        if (results.append(t.id, line)) {
          ran++;
          if (line.includes('"unsupported":')) unsupported++;
        }
        progress.tick();
      };
      try {
        if (a.queue !== undefined) {
          const { runOnQueue } = await import("../sweep/run-queue.js");
          await runOnQueue(todo, { url: a.queue, name: a["queue-name"], cwd: ctx.cwd, resultsName: out.name }, done);
        } else {
          await runLocal(todo, jobs, ctx.cwd, done);
        }
      } finally {
        progress.stop();
      }
      const elapsed = Date.now() - started;
      const all = readResults(out.file, out.name).lines;
      const rep = await writeReport(all, targets, out.name, top);
      const threads = Math.min(jobs, todo.length);
      const where = a.queue !== undefined ? ` through the queue` : todo.length ? ` on ${threads} thread${threads === 1 ? "" : "s"}` : "";
      const parts = [
        `${tasks.length} points${merged ? ` (${merged} duplicate${merged === 1 ? "" : "s"} merged)` : ""}`,
        `${ran} ran${where} in ${secs(elapsed)}`,
        `${tasks.length - todo.length} already in ${out.name}`,
        ...(unsupported ? [`${unsupported} unsupported`] : []),
        ...(results.tornBytes ? [`dropped a torn last line (${results.tornBytes} bytes) left by a killed run`] : []),
      ];
      ctx.stdout(`hwsim sweep: ${parts.join(", ")} · report ${path.relative(ctx.cwd, targets.md)} (${rep.front} on the Pareto front over ${rep.workloads} workload${rep.workloads === 1 ? "" : "s"})\n`);
    } finally {
      results.close();
    }
  },
};
