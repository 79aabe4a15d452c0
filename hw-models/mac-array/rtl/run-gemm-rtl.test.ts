import { describe, expect, it } from "vitest";
import { createPrng, type Prng } from "../../../sim/prng.js";
import { decode } from "../../../sim/numerics/codec.js";
import { toFloat64 } from "../../../sim/numerics/float64.js";
import { lookupScalar } from "../../../sim/numerics/formats/registry.js";
import { prepareFloat64Accumulator, type Float64Accumulator, type ProductInfo } from "../../../sim/numerics/fast/accumulate-float64.js";
import { resolveAccumulator } from "../../../sim/numerics/ops/accumulator.js";
import type { GemmShape } from "../../../workloads/layer.js";
import { unwrap } from "../../../workloads/result.js";
import { gemmSchedule } from "../fold-schedule.js";
import type { Dataflow } from "../params.js";
import { chunkedGemmReference } from "./chunked-gemm-reference.js";
import type { MacArrayRtl } from "./rtl-gemm.js";
import { createMacArrayRtl, runGemmRtl } from "./run-gemm-rtl.js";

function accumulator(name: string, info: ProductInfo): Float64Accumulator {
  const spec = resolveAccumulator(name);
  if (!spec.ok) throw new Error(spec.reason);
  const acc = prepareFloat64Accumulator(spec.spec, info);
  if (!acc.ok) throw new Error(acc.reason);
  return acc.acc;
}

/** int8 codes with an int32 wrapping register, and fp8-e4m3 values with fp32 sequential (rounded) adds. */
const INT8 = {
  acc: accumulator("int32-wrap", { integer: true, exactInFormat: () => true, maxAbs: 128 * 128 }),
  value: (rng: Prng) => (rng.nextUint32() % 256) - 128,
};
const FP8 = (() => {
  const f = lookupScalar("fp8-e4m3");
  if (!f.ok) throw new Error(f.reason);
  // Every finite E4M3 value (NaN codes 0x7f, 0xff left out).
  const values: number[] = [];
  for (let c = 0; c < 256; c++) if ((c & 0x7f) !== 0x7f) values.push(toFloat64(decode(f.format, BigInt(c))));
  return {
    acc: accumulator("fp32-seq", { integer: false, exactInFormat: () => true, maxAbs: 448 * 448 }),
    value: (rng: Prng) => values[rng.nextUint32() % values.length]!,
  };
})();

interface Case {
  rows: number;
  cols: number;
  depth: number;
  gemm: GemmShape;
}

function randomCase(rng: Prng): Case {
  const int = (lo: number, hi: number) => lo + (rng.nextUint32() % (hi - lo + 1));
  // Mostly small dims so that folds are many; sometimes up to 40.
  const dim = () => (rng.nextUint32() % 3 === 0 ? int(1, 40) : int(1, 13));
  return { rows: int(1, 8), cols: int(1, 8), depth: int(1, 4), gemm: { m: dim(), n: dim(), k: dim() } };
}

const randomMatrix = (len: number, rng: Prng, value: (rng: Prng) => number) => Float64Array.from({ length: len }, () => value(rng));

describe.each(["os", "ws", "is"] as const)("rtl engine, %s dataflow", (dataflow: Dataflow) => {
  // One elaborated array per (rows, cols, depth, accumulator), reused across GEMMs like the model does.
  const arrays = new Map<string, MacArrayRtl>();
  const arrayFor = (c: Case, acc: Float64Accumulator, key: string) => {
    const id = `${c.rows}x${c.cols}/d${c.depth}/${key}`;
    let array = arrays.get(id);
    if (!array) {
      array = unwrap(createMacArrayRtl({ dataflow, rows: c.rows, cols: c.cols, macPipelineDepth: c.depth, acc }));
      arrays.set(id, array);
    }
    return array;
  };

  it("200 random configurations: cycles, every action and every output code equal the fast engine and the chunked loop", () => {
    const rng = createPrng(dataflow === "os" ? 101 : dataflow === "ws" ? 202 : 303);
    for (let trial = 0; trial < 200; trial++) {
      const c = randomCase(rng);
      const { m, n, k } = c.gemm;
      const fast = gemmSchedule(dataflow, c.gemm, c.rows, c.cols, c.depth);
      for (const [key, kind] of [["int8", INT8], ["fp8", FP8]] as const) {
        const a = randomMatrix(m * k, rng, kind.value);
        const b = randomMatrix(k * n, rng, kind.value);
        const run = unwrap(arrayFor(c, kind.acc, key).runGemm({ gemm: c.gemm, a, b }));
        const what = `${key} trial ${trial}: ${JSON.stringify(c)}`;
        expect(run.computeCycles, what).toBe(fast.computeCycles);
        expect(run.actions, what).toEqual(fast.actions);
        expect(run.peCycles, what).toBe(c.rows * c.cols * fast.computeCycles);
        const ref = chunkedGemmReference(c.gemm, a, b, kind.acc, dataflow === "os" ? k : c.rows);
        expect(Array.from(run.outputs, kind.acc.code), what).toEqual(Array.from(ref, kind.acc.code));
      }
    }
  });

  it("runGemmRtl elaborates a fresh array and agrees with a reused one", () => {
    const rng = createPrng(7);
    const c: Case = { rows: 3, cols: 5, depth: 3, gemm: { m: 11, n: 7, k: 9 } };
    const a = randomMatrix(c.gemm.m * c.gemm.k, rng, FP8.value);
    const b = randomMatrix(c.gemm.k * c.gemm.n, rng, FP8.value);
    const args = { dataflow, rows: c.rows, cols: c.cols, macPipelineDepth: c.depth, gemm: c.gemm, a, b, acc: FP8.acc };
    const fresh = unwrap(runGemmRtl(args));
    const array = arrayFor(c, FP8.acc, "fp8");
    array.runGemm({ gemm: { m: 2, n: 3, k: 4 }, a: new Float64Array(8), b: new Float64Array(12) }); // leaves state behind
    const reused = unwrap(array.runGemm({ gemm: c.gemm, a, b }));
    expect(reused.computeCycles).toBe(fresh.computeCycles);
    expect(reused.actions).toEqual(fresh.actions);
    expect(Array.from(reused.outputs)).toEqual(Array.from(fresh.outputs));
    expect(fresh.vcd).toBeUndefined();
  });
});

/**
 * Hand-derived runs on a ragged shape: m=5 n=6 k=7 on a 3-row × 4-column array with a 2-stage MAC (d = 2), so every
 * dataflow has a partial last fold on both axes. The expected numbers come from the mapping written out here, not
 * from mapGemm/foldSizes, which the RTL testbenches share with the fast engine.
 * MACs = 5·6·7 = 210 in every dataflow; one pipeline-register write per MAC (d − 1 = 1) and one accumulator write.
 */
describe("rtl engine, hand-derived ragged folds (m=5 n=6 k=7 on 3×4, d=2)", () => {
  const gemm = { m: 5, n: 6, k: 7 };
  const a = Float64Array.from({ length: 35 }, (_, i) => ((i * 7) % 11) - 5);
  const b = Float64Array.from({ length: 42 }, (_, i) => ((i * 5) % 13) - 6);
  const want = new Float64Array(30);
  for (let x = 0; x < 5; x++) for (let y = 0; y < 6; y++) for (let z = 0; z < 7; z++) want[x * 6 + y]! += a[x * 7 + z]! * b[z * 6 + y]!;
  const run = (dataflow: Dataflow) => unwrap(runGemmRtl({ dataflow, rows: 3, cols: 4, macPipelineDepth: 2, gemm, a, b, acc: INT8.acc }));

  it("os: rows ← m = 5 (folds 3, 2), cols ← n = 6 (4, 2), T = k = 7", () => {
    const r = run("os");
    // Per fold r + c + T − 2 + (d − 1) = r + c + 6: (3,4) 13, (3,2) 11, (2,4) 12, (2,2) 10 → 46 cycles.
    expect(r.computeCycles).toBe(46);
    expect(r.peCycles).toBe(12 * 46);
    expect(r.actions).toEqual({
      mac: 210,
      "operand-register-write": 420, // a and b latched in every PE: 2 · 210
      "accumulator-register-write": 210,
      "pipeline-register-write": 210,
      "stationary-register-write": 0,
      "sram-read-a": 70, // A (5·7 = 35) once per column fold (2)
      "sram-read-b": 84, // B (7·6 = 42) once per row fold (2)
      "sram-write-out": 30, // each of the 5·6 outputs drained once
      "sram-read-out": 0,
    });
    expect(Array.from(r.outputs)).toEqual(Array.from(want));
  });

  it("ws: rows ← k = 7 (folds 3, 3, 1), cols ← n = 6 (4, 2), T = m = 5", () => {
    const r = run("ws");
    // Per fold 2r + c + T − 2 + (d − 1) = 2r + c + 4: (3,4) 14, (3,2) 12 twice; (1,4) 10, (1,2) 8 → 2·26 + 18 = 70.
    expect(r.computeCycles).toBe(70);
    expect(r.peCycles).toBe(12 * 70);
    expect(r.actions).toEqual({
      mac: 210,
      "operand-register-write": 210, // only the streamed A element is latched, once per MAC
      "accumulator-register-write": 210,
      "pipeline-register-write": 210,
      // Tile load: row i's weight shifts through i + 1 registers: 1+2+3 = 6, 6, 1 per column, over all 6 columns.
      "stationary-register-write": (6 + 6 + 1) * 6,
      "sram-read-a": 70, // A (35) streamed once per column fold (2)
      "sram-read-b": 42, // B is the tile: each element read once
      "sram-write-out": 90, // a partial per output (30) per row fold (3)
      "sram-read-out": 60, // read back for every row fold but the first
    });
    expect(Array.from(r.outputs)).toEqual(Array.from(want));
  });

  it("is: rows ← k = 7 (folds 3, 3, 1), cols ← m = 5 (4, 1), T = n = 6", () => {
    const r = run("is");
    // Per fold 2r + c + T − 2 + (d − 1) = 2r + c + 5: (3,4) 15, (3,1) 12 twice; (1,4) 11, (1,1) 8 → 2·27 + 19 = 73.
    expect(r.computeCycles).toBe(73);
    expect(r.peCycles).toBe(12 * 73);
    expect(r.actions).toEqual({
      mac: 210,
      "operand-register-write": 210,
      "accumulator-register-write": 210,
      "pipeline-register-write": 210,
      "stationary-register-write": (6 + 6 + 1) * 5, // the A^T tile: 5 columns
      "sram-read-a": 35, // A is the tile: each element read once
      "sram-read-b": 84, // B (42) streamed once per column fold (2)
      "sram-write-out": 90,
      "sram-read-out": 60,
    });
    expect(Array.from(r.outputs)).toEqual(Array.from(want));
  });
});

describe("rtl engine edge cases", () => {
  it("the fp8 cases can tell accumulation orders apart (so the output check constrains the chunking)", () => {
    const rng = createPrng(11);
    const gemm = { m: 6, n: 6, k: 37 };
    let differ = 0;
    for (let t = 0; t < 20; t++) {
      const a = randomMatrix(gemm.m * gemm.k, rng, FP8.value);
      const b = randomMatrix(gemm.k * gemm.n, rng, FP8.value);
      const whole = chunkedGemmReference(gemm, a, b, FP8.acc, gemm.k);
      const chunked = chunkedGemmReference(gemm, a, b, FP8.acc, 5);
      for (let i = 0; i < whole.length; i++) if (FP8.acc.code(whole[i]!) !== FP8.acc.code(chunked[i]!)) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });

  it("IS lands its outputs transposed back: C = A·B on a non-square GEMM with small integers", () => {
    const gemm = { m: 3, n: 5, k: 4 };
    const a = Float64Array.from({ length: 12 }, (_, i) => i - 5);
    const b = Float64Array.from({ length: 20 }, (_, i) => 2 * i - 17);
    const want = new Float64Array(15);
    for (let x = 0; x < 3; x++) for (let y = 0; y < 5; y++) for (let z = 0; z < 4; z++) want[x * 5 + y]! += a[x * 4 + z]! * b[z * 5 + y]!;
    for (const dataflow of ["os", "ws", "is"] as const) {
      const run = unwrap(runGemmRtl({ dataflow, rows: 2, cols: 2, macPipelineDepth: 2, gemm, a, b, acc: INT8.acc }));
      expect(Array.from(run.outputs), dataflow).toEqual(Array.from(want));
    }
  });

  it("bad configurations and operands come back as reasons", () => {
    const base = {
      dataflow: "ws" as const,
      rows: 2,
      cols: 2,
      macPipelineDepth: 1,
      gemm: { m: 2, n: 2, k: 2 },
      a: new Float64Array(4),
      b: new Float64Array(4),
      acc: INT8.acc,
    };
    expect(unwrap(runGemmRtl(base)).computeCycles).toBe(gemmSchedule("ws", base.gemm, 2, 2, 1).computeCycles);
    const reason = (over: object) => {
      const r = runGemmRtl({ ...base, ...over });
      return r.ok ? "ok" : r.reason;
    };
    expect(reason({ macPipelineDepth: 0 })).toMatch(/macPipelineDepth/);
    expect(reason({ rows: 1.5 })).toMatch(/rows/);
    expect(reason({ dataflow: "rs" })).toMatch(/dataflow/);
    expect(reason({ gemm: { m: 0, n: 2, k: 2 } })).toMatch(/gemm\.m/);
    expect(reason({ a: new Float64Array(3) })).toMatch(/a has 3/);
    expect(reason({ b: new Float64Array(5) })).toMatch(/b has 5/);
  });
});
