import { describe, expect, it } from "vitest";
import { prepareFloat64BlockAccumulator, type Float64BlockAccumulator } from "../../../sim/numerics/fast/block-accumulate-float64.js";
import { resolveAccumulator } from "../../../sim/numerics/ops/accumulator.js";
import { createPrng } from "../../../sim/prng.js";
import { unwrap } from "../../../workloads/result.js";
import { peAccumulator } from "../pe-accumulator.js";
import type { Dataflow } from "../params.js";
import { chunkedGemmReference } from "./chunked-gemm-reference.js";
import { runGemmRtl } from "./run-gemm-rtl.js";

function dotUnit(name: string, lanes: number, integer: boolean, maxAbs: number): Float64BlockAccumulator {
  const spec = resolveAccumulator(name);
  if (!spec.ok) throw new Error(spec.reason);
  const pe = unwrap(peAccumulator(spec.spec, lanes));
  const acc = prepareFloat64BlockAccumulator(pe, lanes, { integer, exactInFormat: () => true, maxAbs });
  if (!acc.ok) throw new Error(acc.reason);
  return acc.acc;
}

/**
 * Hand-derived runs on dot2 PEs: m=5 n=6 k=7 on a 3-row × 4-column array with d = 2, the run-gemm-rtl.test.ts
 * shape. K = 7 maps as ⌈7/2⌉ = 4 wide elements, the last one (k = 6 and a zero lane) padded. The numbers come
 * from the mapping written out here, not from mapGemm/foldSizes. Dot steps = outputs × 4 = 120 in every dataflow;
 * one pipeline-register write (d − 1 = 1) and one accumulator write per step.
 */
describe("rtl engine on dot2 PEs, hand-derived ragged folds (m=5 n=6 k=7 on 3×4, d=2)", () => {
  const gemm = { m: 5, n: 6, k: 7 };
  const a = Float64Array.from({ length: 35 }, (_, i) => ((i * 7) % 11) - 5);
  const b = Float64Array.from({ length: 42 }, (_, i) => ((i * 5) % 13) - 6);
  const want = new Float64Array(30);
  for (let x = 0; x < 5; x++) for (let y = 0; y < 6; y++) for (let z = 0; z < 7; z++) want[x * 6 + y]! += a[x * 7 + z]! * b[z * 6 + y]!;
  const acc = dotUnit("int32-wrap", 2, true, 128 * 128);
  const run = (dataflow: Dataflow) => unwrap(runGemmRtl({ dataflow, rows: 3, cols: 4, macPipelineDepth: 2, gemm, a, b, acc }));

  it("os: rows ← m = 5 (folds 3, 2), cols ← n = 6 (4, 2), T = 4 wide elements", () => {
    const r = run("os");
    // Per fold r + c + T − 2 + (d − 1) = r + c + 3: (3,4) 10, (3,2) 8, (2,4) 9, (2,2) 7 → 34 cycles (pe=mac: 46).
    expect(r.computeCycles).toBe(34);
    expect(r.actions).toEqual({
      mac: 120,
      "operand-register-write": 240, // n-wide a and b latched in every PE
      "accumulator-register-write": 120,
      "pipeline-register-write": 120,
      "stationary-register-write": 0,
      "sram-read-a": 40, // A as 5 × 4 wide elements, once per column fold (2)
      "sram-read-b": 48, // B as 4 × 6 wide elements, once per row fold (2)
      "sram-write-out": 30,
      "sram-read-out": 0,
    });
    expect(Array.from(r.outputs)).toEqual(Array.from(want));
  });

  it("ws: rows ← 4 wide elements of K (folds 3, 1), cols ← n = 6 (4, 2), T = m = 5", () => {
    const r = run("ws");
    // Per fold 2r + c + T − 2 + (d − 1) = 2r + c + 4: (3,4) 14, (3,2) 12, (1,4) 10, (1,2) 8 → 44 cycles.
    expect(r.computeCycles).toBe(44);
    expect(r.actions).toEqual({
      mac: 120,
      "operand-register-write": 120,
      "accumulator-register-write": 120,
      "pipeline-register-write": 120,
      "stationary-register-write": (1 + 2 + 3 + 1) * 6, // wide row i shifts through i + 1 registers, 6 columns
      "sram-read-a": 40, // 5 × 4 wide elements per column fold (2)
      "sram-read-b": 24, // the tile: 4 × 6 wide elements once
      "sram-write-out": 60, // a partial per output per row fold (2)
      "sram-read-out": 30,
    });
    expect(Array.from(r.outputs)).toEqual(Array.from(want));
  });

  it("is: rows ← 4 wide elements of K (folds 3, 1), cols ← m = 5 (4, 1), T = n = 6", () => {
    const r = run("is");
    // Per fold 2r + c + T − 2 + (d − 1) = 2r + c + 5: (3,4) 15, (3,1) 12, (1,4) 11, (1,1) 8 → 46 cycles.
    expect(r.computeCycles).toBe(46);
    expect(r.actions).toEqual({
      mac: 120,
      "operand-register-write": 120,
      "accumulator-register-write": 120,
      "pipeline-register-write": 120,
      "stationary-register-write": (1 + 2 + 3 + 1) * 5, // the A^T tile: 5 columns
      "sram-read-a": 20, // the tile: each of 5 × 4 wide elements once
      "sram-read-b": 48, // 4 × 6 wide elements per column fold (2)
      "sram-write-out": 60,
      "sram-read-out": 30,
    });
    expect(Array.from(r.outputs)).toEqual(Array.from(want));
  });
});

describe("rtl engine on dot PEs: padded lanes", () => {
  it("zero-padded last wide elements give the chunked loop's bits, whose last step takes only the products left", () => {
    // fp32 block FMA (fp32-seq on a dot PE) on values spanning 2^±12, so truncation at the alignment width bites.
    const rng = createPrng(31);
    const value = () => (rng.nextUint32() % 2 ? -1 : 1) * (1 + (rng.nextUint32() % 255) / 256) * 2 ** ((rng.nextUint32() % 25) - 12);
    let differs = 0;
    for (const lanes of [3, 4, 16]) {
      const acc = dotUnit("fp32-seq", lanes, false, 2 ** 26);
      for (const dataflow of ["os", "ws", "is"] as const) {
        for (const k of [1, lanes - 1, lanes + 1, 2 * lanes + 2]) {
          const gemm = { m: 3, n: 4, k };
          const a = Float64Array.from({ length: 3 * k }, value);
          const b = Float64Array.from({ length: k * 4 }, value);
          const r = unwrap(runGemmRtl({ dataflow, rows: 2, cols: 3, macPipelineDepth: 3, gemm, a, b, acc }));
          const ref = chunkedGemmReference(gemm, a, b, acc, dataflow === "os" ? k : 2 * lanes);
          expect(Array.from(r.outputs, acc.code), `${dataflow} dot${lanes} k=${k}`).toEqual(Array.from(ref, acc.code));
          // The order matters on these values: one whole-K chunk differs from the row-fold chunks somewhere.
          const whole = chunkedGemmReference(gemm, a, b, acc, k);
          for (let i = 0; i < whole.length; i++) if (acc.code(whole[i]!) !== acc.code(ref[i]!)) differs++;
        }
      }
    }
    expect(differs).toBeGreaterThan(0);
  });

  it("a waveform shows the n-wide registers lane by lane", () => {
    const acc = dotUnit("int32-wrap", 3, true, 100);
    const gemm = { m: 2, n: 2, k: 4 };
    const run = unwrap(runGemmRtl({ dataflow: "ws", rows: 2, cols: 2, macPipelineDepth: 2, gemm, a: new Float64Array(8).fill(1), b: new Float64Array(8).fill(2), acc, vcd: true }));
    for (const sig of ["stat_0", "stat_2", "x_1", "product_0_2", "product_valid_0", "psum"]) expect(run.vcd).toMatch(new RegExp(`\\$var \\S+ \\S+ \\S+ ${sig} `));
    expect(run.vcd).not.toMatch(/\$var \S+ \S+ \S+ stat_3 /);
    expect(Array.from(run.outputs)).toEqual([8, 8, 8, 8]);
  });
});
