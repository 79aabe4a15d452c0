/**
 * Benchmark of the GPU substrate (issue 10): a Llama-3-8B prefill decoder layer on gpu:h100-sxm5 for three
 * precisions within the default `--sample auto` budget, as `hwsim compare w4a8 fp8 bf16 --hw gpu:h100-sxm5
 * --workload llama3-8b-prefill` runs it (minus plots and files). Prints wall time per precision and in all.
 * Never asserts speed. Then prints the tile model against every published measured GEMM in calibration.ts (model ÷
 * measured − 1), the table the issue note quotes. Run: npx tsc -p tsconfig.json --outDir /tmp/bench-dist && node /tmp/bench-dist/bench/gpu.js
 */
import { lookupHardware } from "../hw-models/registry.js";
import { parsePrecision } from "../hw-models/precision.js";
import { lookupWorkload } from "../workloads/registry.js";
import { resolveSample, DEFAULT_SAMPLE_BUDGET_MACS } from "../hw-models/numerics/sample-budget.js";
import { runCompare } from "../reports/compare.js";
import { CALIBRATION_POINTS, modelTflops } from "../hw-models/gpu/calibration.js";

function main(): void {
  const hw = lookupHardware("gpu:h100-sxm5");
  const wl = lookupWorkload("llama3-8b-prefill");
  if (!hw.ok || !wl.ok) throw new Error("lookup");
  const sample = resolveSample({ kind: "auto" }, wl.value.layers, DEFAULT_SAMPLE_BUDGET_MACS);
  if (!sample.ok) throw new Error(sample.reason);
  console.log(`llama3-8b-prefill on gpu:h100-sxm5, --sample auto: ${(sample.value.fraction * 100).toPrecision(3)}% of outputs (budget ${DEFAULT_SAMPLE_BUDGET_MACS} per precision), node ${process.version}`);
  const t0 = performance.now();
  for (const name of ["w4a8", "fp8", "bf16"]) {
    const p = parsePrecision(name);
    if (!p.ok) throw new Error(p.reason);
    const t = performance.now();
    const r = runCompare([p.precision], [hw.value], wl.value, { seed: 1, sampleFraction: sample.value.fraction, sampleMode: "auto", energyMode: "table", timing: "pipelined" });
    if (!r.ok) throw new Error(r.reason);
    const row = r.value.rows[0]!;
    console.log(`${name.padEnd(6)} ${((performance.now() - t) / 1000).toFixed(2).padStart(6)} s   latency ${row.cost.latencyUs.toFixed(1)} µs, SQNR ${row.error.sqnrDb.toFixed(2)} dB`);
  }
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(2)} s for 3 precisions`);
  console.log("\ncalibration (hw-models/gpu/calibration.ts): preset precision M×N×K  measured  model  error  role");
  for (const pt of CALIBRATION_POINTS) {
    const model = modelTflops(pt);
    const err = (model / pt.measuredTflops - 1) * 100;
    console.log(`${pt.preset.padEnd(10)} ${pt.precision.padEnd(5)} ${`${pt.m}×${pt.n}×${pt.k}`.padEnd(17)} ${pt.measuredTflops.toFixed(1).padStart(7)} ${model.toFixed(1).padStart(7)} ${`${err >= 0 ? "+" : ""}${err.toFixed(1)}%`.padStart(7)}  ${pt.role}`);
  }
  // L40S: only a best-of-five-squares figure is published (no shape), so it is not a calibration point; its
  // efficiency is estimated from it (presets/l40s.ts).
  const squares = [1024, 2048, 4096, 8192, 10240].map((s) => modelTflops({ preset: "l40s", precision: "bf16", m: s, n: s, k: s, measuredTflops: 269.15, source: "", role: "check", note: "" }));
  const best = Math.max(...squares);
  console.log(`l40s       bf16  best of 5 squares  269.2 ${best.toFixed(1).padStart(7)} ${`${best >= 269.15 ? "+" : ""}${((best / 269.15 - 1) * 100).toFixed(1)}%`.padStart(7)}  estimate`);
}

main();
