import { prepareFloat64Accumulator } from "../../../sim/numerics/fast/accumulate-float64.js";
import { resolveAccumulator } from "../../../sim/numerics/ops/accumulator.js";
import { createPrng } from "../../../sim/prng.js";
import type { GemmShape } from "../../../workloads/layer.js";
import { unwrap } from "../../../workloads/result.js";
import type { Dataflow } from "../params.js";
import { createMacArrayRtl } from "./run-gemm-rtl.js";

/** What to time: an array, a GEMM and how many timed repeats (default: a 16×16 WS array, d = 3, 512×64×64). */
export interface RtlThroughputOptions {
  readonly dataflow?: Dataflow;
  readonly rows?: number;
  readonly cols?: number;
  readonly macPipelineDepth?: number;
  readonly gemm?: GemmShape;
  /** Timed GEMM runs after one warm-up run; the fastest counts. */
  readonly repeats?: number;
  readonly seed?: number;
}

/**
 * Speed of the RTL engine with its testbench: PE-cycles stepped (rows·cols·computeCycles of one GEMM) and the
 * wall-clock seconds of the fastest of `repeats` runs (int8 operands, int32-wrap accumulator; elaboration not timed).
 */
export function measureRtlThroughput(options: RtlThroughputOptions = {}): { peCycles: number; seconds: number } {
  const { dataflow = "ws", rows = 16, cols = 16, macPipelineDepth = 3, repeats = 3, seed = 1 } = options;
  const gemm = options.gemm ?? { m: 512, n: 64, k: 64 };
  const spec = resolveAccumulator("int32-wrap");
  if (!spec.ok) throw new Error(spec.reason);
  const acc = prepareFloat64Accumulator(spec.spec, { integer: true, exactInFormat: () => true, maxAbs: 128 * 128 });
  if (!acc.ok) throw new Error(acc.reason);
  const rng = createPrng(seed);
  const int8 = () => (rng.nextUint32() % 256) - 128;
  const a = Float64Array.from({ length: gemm.m * gemm.k }, int8);
  const b = Float64Array.from({ length: gemm.k * gemm.n }, int8);
  const array = unwrap(createMacArrayRtl({ dataflow, rows, cols, macPipelineDepth, acc: acc.acc }));
  let peCycles = unwrap(array.runGemm({ gemm, a, b })).peCycles; // warm-up (JIT)
  let seconds = Infinity;
  for (let r = 0; r < Math.max(1, repeats); r++) {
    const t0 = performance.now();
    peCycles = unwrap(array.runGemm({ gemm, a, b })).peCycles;
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { peCycles, seconds };
}
