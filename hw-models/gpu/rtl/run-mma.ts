import { elaborate } from "../../../sim/engine/index.js";
import type { AccumulatorSpec } from "../../../sim/numerics/ops/accumulator.js";
import { encode } from "../../../sim/numerics/codec.js";
import { fromFloat64 } from "../../../sim/numerics/float64.js";
import type { Layer } from "../../../workloads/layer.js";
import type { Result } from "../../../workloads/result.js";
import { createPrng } from "../../../sim/prng.js";
import type { Precision } from "../../precision.js";
import { operandBitsPerElement } from "../../precision.js";
import { layerSeeds, operandFormatFor, repeatOperands } from "../../numerics/gemm-numerics.js";
import type { GpuModel } from "../model.js";
import { gemmTiming } from "../tile-timing.js";
import { MMA_RECURRENCE, MMA_STAGES, MMA_TAGS, mmaUnit } from "./mma-unit.js";

export interface MmaRun {
  /** Outputs row-major [m × n]: values and their fp32 codes. */
  readonly values: Float64Array;
  readonly codes: BigUint64Array;
  /** Cycles until the last output left the pipeline. */
  readonly cycles: number;
  /** Blocks per output (n-term block FMAs). */
  readonly blocks: number;
  readonly actions: Record<string, number>;
}

/**
 * The blocks of one output in the GPU path's order (hw-models/numerics/gemm-numerics.ts fastDotLanes): K in
 * split-K chunks of `chunk`, each chunk in promotion intervals (or one), each interval in mma slices of `lanes`.
 */
export function mmaBlocks(k: number, lanes: number, chunk: number, interval: number | undefined): { start: number; count: number; tags: number }[] {
  const T = MMA_TAGS;
  const out: { start: number; count: number; tags: number }[] = [];
  for (let c0 = 0; c0 < k; c0 += chunk) {
    const end = Math.min(k, c0 + chunk);
    for (let p0 = c0; p0 < end; p0 += interval ?? chunk) {
      const pend = interval === undefined ? end : Math.min(end, p0 + interval);
      for (let t = p0; t < pend; t += lanes) {
        let tags = 0;
        if (t === p0) tags |= T.FIRST;
        if (t + lanes >= pend) {
          tags |= T.INTERVAL_END;
          if (pend === end) tags |= T.CHUNK_END;
        }
        if (p0 === c0) tags |= T.INTERVAL_FIRST;
        if (c0 === 0) tags |= T.CHUNK_FIRST;
        out.push({ start: t, count: Math.min(lanes, pend - t), tags });
      }
    }
  }
  out[out.length - 1]!.tags |= T.LAST_BLOCK;
  return out;
}

/**
 * An m×n×k GEMM on one mma unit: A row-major [m × k], B transposed [n × k], split-K chunks added in fp32. The
 * sequencer issues block b of every output round-robin, output o at cycle b·P + o with P = max(m·n, 3) (the
 * chain recurrence), so the last block enters S1 at (B − 1)·P + m·n − 1 and leaves S5 five cycles later:
 * cycles = (B − 1)·max(m·n, 3) + m·n + 4.
 */
export function runMmaGemm(spec: AccumulatorSpec, av: Float64Array, bT: Float64Array, m: number, n: number, k: number, chunk = k): Result<MmaRun> {
  if (spec.kind !== "tensor-core" && spec.kind !== "tensor-core-promoted") return { ok: false, reason: `the mma unit runs tensor-core accumulators, not ${spec.kind}` };
  const f = spec.outputFormat;
  if (f.kind !== "float") return { ok: false, reason: `the mma unit keeps a float register, not ${f.id}` };
  const promote = spec.kind === "tensor-core-promoted";
  const rounding = promote ? spec.partialRounding : spec.outputRounding;
  if (rounding !== "rne" && rounding !== "rtz") return { ok: false, reason: `the mma unit rounds RNE or RTZ, not ${rounding}` };
  const lanes = spec.blockSize;
  const O = m * n;
  const sim = elaborate(mmaUnit, { lanes, fracBits: spec.fracBits, neab: spec.neab, blockRounding: rounding, promote, outputs: O, format: f });
  const u = sim.top;
  const blocks = mmaBlocks(k, lanes, chunk, promote ? spec.promotionInterval : undefined);
  const period = Math.max(O, MMA_RECURRENCE);
  const lastIssue = (blocks.length - 1) * period + O - 1;
  const limit = lastIssue + MMA_STAGES + 10;
  while (sim.peek(u.done) < O) {
    if (sim.cycle > limit) return { ok: false, reason: "mma unit: outputs did not drain" };
    const t = sim.cycle;
    const bi = Math.floor(t / period);
    const o = t - bi * period;
    const issue = bi < blocks.length && o < O;
    sim.poke(u.inValid, issue);
    if (issue) {
      const blk = blocks[bi]!;
      const i = Math.floor(o / n);
      const j = o % n;
      for (let l = 0; l < lanes; l++) {
        const live = l < blk.count;
        sim.poke(u.a[l]!, live ? av[i * k + blk.start + l]! : 0);
        sim.poke(u.b[l]!, live ? bT[j * k + blk.start + l]! : 0);
      }
      sim.poke(u.inOut, o);
      sim.poke(u.inCount, blk.count);
      sim.poke(u.inTags, blk.tags);
    }
    sim.step();
  }
  const values = Float64Array.from(u.out, (r) => sim.peek(r));
  const codes = BigUint64Array.from(values, (v) => encode(f, fromFloat64(v)).code);
  return { ok: true, value: { values, codes, cycles: sim.cycle, blocks: blocks.length, actions: sim.actionTotals() } };
}

/**
 * One layer of `GpuModel.simulate` on the mma unit: the same plan, split-K chunk, seeds and quantized operands,
 * every repeat's outputs in order (row-major per repeat), for comparison with the fast path's output codes.
 */
export function runMmaLayer(model: GpuModel, layer: Layer, p: Precision, simSeed: number): Result<{ codes: BigUint64Array; runs: MmaRun[]; chunk: number }> {
  const plan = model.plan(layer, p);
  if (!plan.ok) return plan;
  const fa = operandFormatFor(p, layer.roles.a);
  const fb = operandFormatFor(p, layer.roles.b);
  const fc = operandFormatFor(p, layer.roles.c);
  const bytes = { a: operandBitsPerElement(fa) / 8, b: operandBitsPerElement(fb) / 8, c: layer.roles.c === "kv-cache" ? operandBitsPerElement(fc) / 8 : 2 };
  const timing = gemmTiming(model.params, plan.value, layer.gemm, layer.repeat, bytes);
  const { m, n, k } = layer.gemm;
  const chunk = timing.splitK > 1 ? timing.splitChunk : k;
  const layerSeed = createPrng(simSeed).nextUint32(); // the first layer's seed, as GpuModel.simulate draws it
  const { operandSeeds } = layerSeeds(layerSeed, layer.repeat);
  const codes = new BigUint64Array(m * n * layer.repeat);
  const runs: MmaRun[] = [];
  for (let r = 0; r < layer.repeat; r++) {
    const ops = repeatOperands(layer, p, operandSeeds[r]!);
    if (!ops.ok) return ops;
    const bv = ops.value.b.values; // row-major [k × n]
    const bT = new Float64Array(n * k);
    for (let t = 0; t < k; t++) for (let j = 0; j < n; j++) bT[j * k + t] = bv[t * n + j]!;
    const run = runMmaGemm(plan.value.accumulator, ops.value.a.values, bT, m, n, k, chunk);
    if (!run.ok) return run;
    runs.push(run.value);
    codes.set(run.value.codes, r * m * n);
  }
  return { ok: true, value: { codes, runs, chunk } };
}
