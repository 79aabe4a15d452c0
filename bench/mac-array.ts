/**
 * MAC-array benchmarks (print, never assert):
 * 1. the fast model evaluating every ResNet-50 convolution layer on a 128×128 WS array (cycles, actions, traffic
 *    and cost; outputs not computed: sample fraction 0), goal < 50 ms;
 * 2. the RTL engine's PE-cycles per second on a 16×16 WS array (3-stage MAC), goal ≥ 50 M (issue 8), next to the fast
 *    model's closed form for the same GEMM as the baseline measured in the same run.
 * Run: npm run build && node dist/bench/mac-array.js
 */
import { MacArrayModel } from "../hw-models/mac-array/model.js";
import { parseMacArrayParams } from "../hw-models/mac-array/params.js";
import { parsePrecision } from "../hw-models/precision.js";
import { resnet50 } from "../workloads/models/resnet.js";
import { measureRtlThroughput } from "../hw-models/mac-array/rtl/rtl-throughput.js";
import { gemmSchedule } from "../hw-models/mac-array/fold-schedule.js";

const params = parseMacArrayParams({ rows: 128, cols: 128, dataflow: "ws", pe: "mac" });
const p = parsePrecision("int8");
if (!params.ok || !p.ok) throw new Error("bench setup");
const layers = resnet50().layers.filter((l) => l.op === "conv2d");
const model = new MacArrayModel(params.value);
const evalOnce = () => {
  const s = model.simulate(layers, p.precision, { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 0 });
  if (!s.ok) throw new Error(s.reason);
  const c = model.cost(s.value, p.precision, { energyMode: "table" });
  if (!c.ok) throw new Error(c.reason);
  return s.value.cycles;
};
evalOnce();
const runs = 20;
const t0 = process.hrtime.bigint();
let cycles = 0;
for (let i = 0; i < runs; i++) cycles = evalOnce();
const ms = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
console.log(`fast model, ResNet-50 (${layers.length} conv layers) on 128x128 WS: ${ms.toFixed(2)} ms per evaluation (goal < 50 ms), ${cycles} cycles`);

const rtl1 = measureRtlThroughput({ repeats: 7, macPipelineDepth: 1 });
console.log(`rtl engine, 16x16 WS, depth 1: ${(rtl1.peCycles / rtl1.seconds / 1e6).toFixed(1)} M PE-cycles/s`);
const rtl = measureRtlThroughput({ repeats: 7 });
const rate = rtl.peCycles / rtl.seconds;
const t1 = process.hrtime.bigint();
for (let i = 0; i < 1000; i++) gemmSchedule("ws", { m: 512, n: 64, k: 64 }, 16, 16, 3);
const closedFormUs = Number(process.hrtime.bigint() - t1) / 1e3 / 1000;
console.log(`rtl engine, 16x16 WS, depth 3: ${(rate / 1e6).toFixed(1)} M PE-cycles/s (goal >= 50 M); ${rtl.peCycles} PE-cycles in ${(rtl.seconds * 1e3).toFixed(1)} ms`);
console.log(`closed-form schedule of the same GEMM: ${closedFormUs.toFixed(2)} µs (ratio rtl/fast time: ${((rtl.seconds * 1e6) / closedFormUs).toFixed(0)}x)`);
