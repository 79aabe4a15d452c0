import { describe, expect, it } from "vitest";
import { lookupHardware } from "../../registry.js";
import { parsePrecision, elementFormat, type OperandFormat, type Precision } from "../../precision.js";
import { gemmLayer } from "../../../workloads/ops/gemm.js";
import { unwrap } from "../../../workloads/result.js";
import { dotInOrder } from "../../numerics/gemm-numerics.js";
import type { QuantizedOperand } from "../../numerics/quantized-operand.js";
import { resolveAccumulator } from "../../../sim/numerics/ops/accumulator.js";
import type { GpuLayerResult, GpuModel } from "../model.js";
import { mmaBlocks, runMmaGemm, runMmaLayer } from "./run-mma.js";
import { MMA_TAGS } from "./mma-unit.js";

const gpu = (spec: string): GpuModel => unwrap(lookupHardware(spec)) as unknown as GpuModel;
const prec = (t: string): Precision => {
  const r = parsePrecision(t);
  if (!r.ok) throw new Error(r.reason);
  return r.precision;
};

describe("mma unit on the clocked engine", () => {
  // Presets × precisions × small GEMMs, K ragged against the mma slice and (fp8) spanning promotion intervals.
  const CASES: readonly [string, string, number, number, number, number, string][] = [
    ["gpu:v100-sxm2", "fp16", 3, 2, 37, 1, "tc-v100"],
    ["gpu:a100-sxm4", "fp16", 2, 3, 41, 2, "tc-a100"],
    ["gpu:a100-sxm4", "bf16", 2, 2, 64, 1, "tc-a100"],
    ["gpu:h100-sxm5", "fp16", 2, 2, 70, 1, "tc-h100"],
    ["gpu:h100-sxm5", "bf16", 3, 1, 48, 1, "tc-h100"],
    ["gpu:h100-sxm5", "fp8", 2, 2, 300, 1, "tc-h100-fp8"],
    ["gpu:h100-sxm5:promote=128", "fp8", 2, 2, 300, 1, "promoted"],
  ];
  for (const [hw, text, m, n, k, repeat, acc] of CASES) {
    it(`${hw} ${text} ${m}×${n}×${k}${repeat > 1 ? ` ×${repeat}` : ""}: every output code equals the GPU fast path`, () => {
      const model = gpu(hw);
      const p = prec(text);
      const layer = unwrap(gemmLayer({ name: "g", m, n, k, repeat }));
      const plan = unwrap(model.plan(layer, p));
      expect(plan.accumulator.id).toContain(acc === "promoted" ? "tc-h100-fp8" : acc);
      if (acc === "promoted") expect(plan.accumulator.kind).toBe("tensor-core-promoted");
      const seed = 17;
      const fast = unwrap(model.simulate([layer], p, { engine: "fast", timing: "pipelined", seed, sampleFraction: 1 }));
      const l = fast.layers[0] as GpuLayerResult;
      expect(l.outputCodes.length).toBe(m * n * repeat);
      const rtl = unwrap(runMmaLayer(model, layer, p, seed));
      const byIndex = new Map<number, bigint>();
      l.outputIndices.forEach((ix, s) => byIndex.set(ix, l.outputCodes[s]!));
      expect(Array.from(rtl.codes, (c, ix) => [ix, c])).toEqual(Array.from(rtl.codes, (_, ix) => [ix, byIndex.get(ix)]));
      // Not a vacuous match: the outputs differ from each other and from zero.
      expect(new Set(Array.from(rtl.codes)).size).toBeGreaterThan(1);
    });
  }

  const op = (v: readonly number[], rows: number, f: OperandFormat): QuantizedOperand => ({
    values: Float64Array.from(v), codes: new Uint32Array(v.length), postScale: new Float64Array([1]), perChannel: false,
    element: elementFormat(f), rows, cols: v.length / rows,
  });
  const fp16 = prec("fp16").activations;

  it("split-K chunks and promotion intervals follow the fast path's order (dotInOrder)", () => {
    // Values of mixed magnitude so that alignment truncates and chunk order matters.
    const k = 96;
    const mk = (s: number) => Array.from({ length: k }, (_, t) => ((((t * 37 + s * 11) % 23) - 11) * 2 ** ((t * s) % 9 - 4)));
    const a = [...mk(1), ...mk(2)];
    const b = [...mk(3), ...mk(5)]; // two columns of B, transposed
    for (const id of ["tc-v100", "tc-a100", "tc-h100", "tc-h100-fp8"]) {
      const spec = unwrap((() => { const r = resolveAccumulator(id); return r.ok ? { ok: true as const, value: r.spec } : r; })());
      const lanes = (spec as { blockSize: number }).blockSize;
      for (const chunk of [k, 32, 64]) {
        if (chunk % lanes) continue;
        const run = unwrap(runMmaGemm(spec, Float64Array.from(a), Float64Array.from(b), 2, 2, k, chunk));
        for (let i = 0; i < 2; i++) {
          for (let j = 0; j < 2; j++) {
            const ref = dotInOrder(spec, op(a, 2, fp16), op(b, 2, fp16), i, j, { chunk, lanes, combine: "fp32-add" });
            if (!ref.ok) throw new Error(ref.reason);
            expect(run.codes[i * 2 + j], `${id} chunk ${chunk} (${i},${j})`).toBe(ref.code);
          }
        }
      }
    }
  });

  it("specials and exact cancellation: NaN, ∞, ∞ − ∞ and +0 as the fast path gives them", () => {
    const spec = (() => { const r = resolveAccumulator("tc-a100"); if (!r.ok) throw new Error(r.reason); return r.spec; })();
    const k = 16;
    const rowsA = [
      [Infinity, ...Array(15).fill(1)],
      [Infinity, -Infinity, ...Array(14).fill(1)],
      [NaN, ...Array(15).fill(1)],
      [3, -3, 2 ** -20, -(2 ** -20), ...Array(12).fill(0)],
    ];
    const a = rowsA.flat();
    const b = Array(k).fill(1);
    const run = unwrap(runMmaGemm(spec, Float64Array.from(a), Float64Array.from(b), 4, 1, k));
    rowsA.forEach((_, i) => {
      const ref = dotInOrder(spec, op(a, 4, fp16), op(b, 1, fp16), i, 0, { chunk: k, lanes: 8, combine: "fp32-add" });
      if (!ref.ok) throw new Error(ref.reason);
      expect(run.codes[i], `row ${i}`).toBe(ref.code);
    });
    expect(Array.from(run.values.slice(0, 3))).toEqual([Infinity, NaN, NaN]);
    expect(Object.is(run.values[3], 0)).toBe(true);
  });

  it("cycles equal the hand-derived pipeline latency (B − 1)·max(O, 3) + O + 4", () => {
    // Five stages: multiply, align, tree, round (writes the chain register), accumulate. The chain register is read
    // in align (cycle t + 1 for a block issued at t) and written at the end of round (t + 3), so the next block
    // of the same output may issue at t + 3. Block b of output o issues at b·max(O, 3) + o; the last one
    // (b = B − 1, o = O − 1) leaves the accumulate stage at the end of cycle +4, i.e. after +5 cycles.
    const spec = (() => { const r = resolveAccumulator("tc-v100"); if (!r.ok) throw new Error(r.reason); return r.spec; })();
    const ones = (len: number) => new Float64Array(len).fill(1);
    // One output, K = 16 on 4 lanes: B = 4 blocks, period 3 (recurrence-bound): 3·3 + 1 + 4 = 14.
    const one = unwrap(runMmaGemm(spec, ones(16), ones(16), 1, 1, 16));
    expect([one.blocks, one.cycles]).toEqual([4, 14]);
    expect(one.values[0]).toBe(16);
    // Six outputs (3×2), K = 37: B = ⌈37/4⌉ = 10 blocks, period 6 (issue-bound): 9·6 + 6 + 4 = 64.
    const six = unwrap(runMmaGemm(spec, ones(3 * 37), ones(2 * 37), 3, 2, 37));
    expect([six.blocks, six.cycles]).toEqual([10, 64]);
    expect(six.actions).toMatchObject({ multiply: 60, align: 60, "adder-tree": 60, round: 60 });
    // Two outputs, K = 8: B = 2, period 3: 1·3 + 2 + 4 = 9.
    const two = unwrap(runMmaGemm(spec, ones(16), ones(16), 2, 1, 8));
    expect([two.blocks, two.cycles]).toEqual([2, 9]);
  });

  it("the GPU path's block order: mma slices inside promotion intervals inside split-K chunks", () => {
    const T = MMA_TAGS;
    // K = 300, 32 lanes, promotion every 128, no split: intervals [0,128) [128,256) [256,300).
    const blocks = mmaBlocks(300, 32, 300, 128);
    expect(blocks.map((b) => b.start)).toEqual([0, 32, 64, 96, 128, 160, 192, 224, 256, 288]);
    expect(blocks.map((b) => b.count)).toEqual([32, 32, 32, 32, 32, 32, 32, 32, 32, 12]);
    expect(blocks.filter((b) => b.tags & T.FIRST).map((b) => b.start)).toEqual([0, 128, 256]);
    expect(blocks.filter((b) => b.tags & T.INTERVAL_END).map((b) => b.start)).toEqual([96, 224, 288]);
    expect(blocks.filter((b) => b.tags & T.CHUNK_END).map((b) => b.start)).toEqual([288]);
    expect(blocks.filter((b) => b.tags & T.LAST_BLOCK).map((b) => b.start)).toEqual([288]);
  });
});
