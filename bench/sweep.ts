/**
 * Sweep benchmarks (issue 13), ratios measured in one run (print, never assert):
 * - a 6-precision × 3-array × 2-workload sweep (36 points, default sampling): --jobs 2 against --jobs 1 (goal ≥ 1.8×
 *   on 2 cores);
 * - per-point overhead of a sweep (worker start-up, hand-off, write) against the same points run directly in this
 *   process, on the default workload (goal < 5%);
 * - through the Redis queue with two local `hwsim worker --jobs 1`, throughput against local --jobs 2 (goal ≥ 90%).
 * Needs redis-server for the last one. Run: npm run build && node dist/bench/sweep.js
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../cli/main.js";
import { fakeContext } from "../cli/testing/fake-context.js";
import { resolveSweep, resolveTask } from "../cli/sweep/resolve-points.js";
import { startRedis } from "../cli/testing/redis-server.js";
import { startCli, sleep } from "../cli/testing/spawn-cli.js";
import { parseSweepSpec } from "../reports/sweep-spec.js";
import { runSweepPoint } from "../reports/sweep-run-point.js";

const work = mkdtempSync(path.join(tmpdir(), "hwsim-bench-sweep-"));
const PRECISIONS = "[int8, fp8, mxfp4, nvfp4, bf16, w4a8]";
writeFileSync(path.join(work, "big.yaml"), `precisions: ${PRECISIONS}\nhardware: ["mac-array:rows=16,cols=16", "mac-array", "mac-array:rows=64,cols=64"]\nworkloads: [default, "gemm:m=256,n=512,k=512"]\n`);
writeFileSync(path.join(work, "half.yaml"), `precisions: ${PRECISIONS}\nhardware: [mac-array, "mac-array:dataflow=os"]\nworkloads: [default]\n`);
writeFileSync(path.join(work, "overhead.yaml"), `precisions: ${PRECISIONS}\nhardware: [mac-array, "mac-array:dataflow=os", "mac-array:rows=16,cols=16", "mac-array:rows=64,cols=64"]\nworkloads: [default]\n`);

async function sweep(argv: string[]): Promise<number> {
  const ctx = fakeContext(work);
  const t0 = performance.now();
  const code = await main(["sweep", ...argv], ctx);
  if (code !== 0) throw new Error(`hwsim sweep ${argv.join(" ")}: ${ctx.stderrText()}`);
  return (performance.now() - t0) / 1000;
}

const sortedLines = (f: string) => readFileSync(path.join(work, f), "utf8").split("\n").filter(Boolean).sort().join("\n");

// 1. jobs 2 vs jobs 1.
const one = await sweep(["big.yaml", "--out", "j1.jsonl", "--jobs", "1"]);
const two = await sweep(["big.yaml", "--out", "j2.jsonl", "--jobs", "2"]);
const same = sortedLines("j1.jsonl") === sortedLines("j2.jsonl");
console.log(`36-point sweep (6 precisions × 3 arrays × 2 workloads, default sampling): --jobs 1 ${one.toFixed(2)} s, --jobs 2 ${two.toFixed(2)} s, speed-up ${(one / two).toFixed(2)}× (goal ≥ 1.8× on 2 cores); results identical: ${same}`);

// 2. Per-point overhead on the default workload: the sweep (one thread) against the same points run directly, in
// this warm process. All of it (thread start and its cold JIT included), and at the margin (24 points − 12 points:
// hand-off and write alone).
const yaml = (await import("yaml")).default;
const tasksOf = (file: string) => {
  const spec = parseSweepSpec(yaml.parse(readFileSync(path.join(work, file), "utf8")));
  if (!spec.ok) throw new Error(spec.reason);
  return resolveSweep(fakeContext(work), spec.value).tasks;
};
const direct = (tasks: ReturnType<typeof tasksOf>) => {
  const t0 = performance.now();
  for (const t of tasks) {
    const { point, sample } = resolveTask(t, work);
    runSweepPoint(t, point, sample);
  }
  return (performance.now() - t0) / 1000;
};
const all = tasksOf("overhead.yaml");
const half = tasksOf("half.yaml");
direct(all); // warm up
const directAll = Math.min(direct(all), direct(all));
const directHalf = Math.min(direct(half), direct(half));
let run = 0;
const timed = async (file: string) => {
  const out = `o${run++}.jsonl`;
  const s = await sweep([file, "--out", out, "--jobs", "1"]);
  return s - (await sweep(["--report", out])); // the report is drawn once, not per point
};
const sweptAll = Math.min(await timed("overhead.yaml"), await timed("overhead.yaml"));
const sweptHalf = Math.min(await timed("half.yaml"), await timed("half.yaml"));
const point = directAll / all.length;
const total = (sweptAll - directAll) / all.length;
const margin = (sweptAll - sweptHalf - (directAll - directHalf)) / (all.length - half.length);
console.log(
  `per-point overhead (default workload, ${all.length} points, --jobs 1, a point ${(point * 1000).toFixed(0)} ms): all in ${(total * 1000).toFixed(1)} ms = ${((100 * total) / point).toFixed(1)}% ` +
    `(thread start and its cold JIT shared by ${all.length} points); at the margin (hand-off, write) ${(margin * 1000).toFixed(1)} ms = ${((100 * margin) / point).toFixed(1)}% (goal < 5%)`,
);

// 3. Through the queue: two local workers, one thread each, against --jobs 2.
const redis = await startRedis();
try {
  const workers = [0, 1].map(() => startCli(["worker", "--queue", redis.url, "--jobs", "1", "--idle-exit", "3"], work));
  await sleep(1500); // both connected and idle before the clock starts
  const queued = await sweep(["big.yaml", "--out", "q.jsonl", "--queue", redis.url]);
  for (const w of workers) await w.done;
  console.log(
    `queue: 2 local workers ${queued.toFixed(2)} s for 36 points vs --jobs 2 ${two.toFixed(2)} s: throughput ${((100 * two) / queued).toFixed(0)}% of local (goal ≥ 90%); results identical: ${sortedLines("q.jsonl") === sortedLines("j1.jsonl")}`,
  );
} finally {
  await redis.stop();
}
