/**
 * Whole-command benchmarks on real workloads (print, never assert). Each runs the built CLI as its own process
 * (wall time, peak RSS) and prints the ratio against a baseline measured in the same run: a bare `node` start
 * (what no CLI can go below), and for ResNet-18 the fast model in-process against SCALE-Sim v2's 99 s, an
 * external anchor measured once on this machine class (issue 8) for the same topology and array.
 * Goals (issue 8): ResNet-18 timing-only < 0.5 s; Llama-3-8B prefill × 4 precisions < 30 s and < 2 GB;
 * ResNet-50 × 2 precisions < 15 s; the default compare < 3 s. Issue 9: a dot-PE compare no slower than pe=mac.
 * Run: npm run build && node dist/bench/workloads.js
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MacArrayModel } from "../hw-models/mac-array/model.js";
import { parseMacArrayParams } from "../hw-models/mac-array/params.js";
import { parsePrecision } from "../hw-models/precision.js";
import { parseScaleSimTopology } from "../workloads/scalesim-topology.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const runner = path.join(here, "run-with-rss.js");
const topology = path.join(root, "bench/fixtures/scalesim-resnet18.csv");
const work = mkdtempSync(path.join(tmpdir(), "hwsim-bench-"));
const SCALESIM_RESNET18_S = 99;

function run(args: string[]): { seconds: number; rssMb: number; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [runner, ...args], { cwd: work, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`hwsim ${args.join(" ")} failed: ${r.stderr}`);
  const rss = /hwsim-bench-maxrss-kb (\d+)/.exec(r.stderr);
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : NaN, out: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare = median([0, 1, 2].map(() => {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ["-e", ""]);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}));
console.log(`baseline: bare node start ${bare.toFixed(3)} s`);

const report = (name: string, r: { seconds: number; rssMb: number }, goalS: number, goalMb?: number) =>
  console.log(
    `${name}: ${r.seconds.toFixed(2)} s (goal < ${goalS} s; ${(r.seconds / bare).toFixed(1)}× a bare node start), ` +
      `peak RSS ${r.rssMb.toFixed(0)} MB${goalMb ? ` (goal < ${goalMb} MB)` : ""}`,
  );

// 1. SCALE-Sim's ResNet-18 topology, timing only.
const r18 = [0, 1, 2].map(() => run(["simulate", "--hw", "mac-array:rows=128,cols=128,dataflow=os", "--timing", "scalesim", "--workload", topology, "--sample", "0", "--format", "int8", "--json"]));
const r18best = r18.reduce((a, b) => (b.seconds < a.seconds ? b : a));
report("simulate ResNet-18 (SCALE-Sim topology), 128×128 OS, --timing scalesim --sample 0", r18best, 0.5);
console.log(`  compute cycles ${JSON.parse(r18best.out).computeCycles} (SCALE-Sim v2: 262,370)`);

// In-process: the timing model alone against SCALE-Sim's 99 s.
const params = parseMacArrayParams({ rows: 128, cols: 128, dataflow: "os", pe: "mac" }); // SCALE-Sim models one-MAC PEs
const p = parsePrecision("int8");
const topo = parseScaleSimTopology(readFileSync(topology, "utf8"));
if (!params.ok || !p.ok || !topo.ok) throw new Error("bench setup");
const model = new MacArrayModel(params.value);
const once = () => {
  const s = model.simulate(topo.value.layers, p.precision, { engine: "fast", timing: "scalesim", seed: 1, sampleFraction: 0 });
  if (!s.ok) throw new Error(s.reason);
  const c = model.cost(s.value, p.precision, { energyMode: "table" });
  if (!c.ok) throw new Error(c.reason);
};
once();
const n = 200;
const t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++) once();
const inProcS = Number(process.hrtime.bigint() - t0) / 1e9 / n;
console.log(`  in-process model: ${(inProcS * 1e3).toFixed(3)} ms per evaluation, ${(SCALESIM_RESNET18_S / inProcS).toExponential(2)}× faster than SCALE-Sim v2's ${SCALESIM_RESNET18_S} s (goal ≥ 1e4×)`);

// 2–4. compare with defaults.
report("compare int8 fp8 nvfp4 mxfp4 --workload llama3-8b-prefill", run(["compare", "int8", "fp8", "nvfp4", "mxfp4", "--workload", "llama3-8b-prefill", "--out", "llama.md"]), 30, 2048);
report("compare int8 fp8 --workload resnet50", run(["compare", "int8", "fp8", "--workload", "resnet50", "--out", "r50.md"]), 15);
report("compare int8 fp8 (default workload)", run(["compare", "int8", "fp8", "--out", "default.md"]), 3);

// Issue 9: a dot-unit compare (the default PE, dot16) runs no slower than pe=mac on the same workload.
const dotRun = run(["compare", "int8", "fp8", "mxfp4", "nvfp4", "--workload", "bert-base", "--out", "dot.md"]);
const macRun = run(["compare", "int8", "fp8", "mxfp4", "nvfp4", "--workload", "bert-base", "--hw", "mac-array:pe=mac", "--out", "mac.md"]);
console.log(`compare int8 fp8 mxfp4 nvfp4 --workload bert-base: pe=dot16 ${dotRun.seconds.toFixed(2)} s, pe=mac ${macRun.seconds.toFixed(2)} s, ratio ${(dotRun.seconds / macRun.seconds).toFixed(2)}× (goal ≤ 1)`);
