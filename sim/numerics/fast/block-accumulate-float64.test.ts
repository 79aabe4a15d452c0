import { describe, expect, it } from "vitest";
import { prepareFloat64BlockAccumulator } from "./block-accumulate-float64.js";
import { accumulateProducts } from "../ops/dot.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { resolveAccumulator } from "../ops/accumulator.js";
import { fromFloat64, toFloat64 } from "../float64.js";
import { lookupScalar } from "../formats/registry.js";
import { decode } from "../codec.js";
import { createPrng } from "../../prng.js";

const spec = (name: string, over = {}): AccumulatorSpec => {
  const r = resolveAccumulator(name, over);
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
};
const INFO = (maxAbs: number, integer = false) => ({ integer, exactInFormat: () => false, maxAbs });

/** The reference: ops/dot.ts accumulates the same products in blocks of `lanes`, the register chained through. */
function reference(s: AccumulatorSpec, lanes: number, products: number[]): { code: bigint; value: number } {
  let c: { cls: "zero"; sign: 0 } | ReturnType<typeof fromFloat64> = { cls: "zero", sign: 0 };
  let code = 0n;
  for (let lo = 0; lo < products.length; lo += lanes) {
    const block = products.slice(lo, lo + lanes);
    // An integer dot unit adds the exact tree sum; a tensor core takes the block as it is.
    const addends = s.kind === "int" ? [block.reduce((x, y) => x + y, 0)] : block;
    const r = accumulateProducts(addends.map((v) => ({ value: fromFloat64(v), invalid: false })), c, s);
    if (!r.ok) throw new Error(r.reason);
    c = r.value;
    code = r.code ?? 0n;
  }
  return { code, value: toFloat64(c as ReturnType<typeof fromFloat64>) };
}

function fast(s: AccumulatorSpec, lanes: number, products: number[], maxAbs: number, integer = false) {
  const r = prepareFloat64BlockAccumulator(s, lanes, INFO(maxAbs, integer));
  if (!r.ok) throw new Error(r.reason);
  let acc = r.acc.zero;
  const buf = new Float64Array(lanes);
  for (let lo = 0; lo < products.length; lo += lanes) {
    const m = Math.min(lanes, products.length - lo);
    for (let j = 0; j < m; j++) buf[j] = products[lo + j]!;
    acc = r.acc.addBlock(acc, buf, m);
  }
  return { code: r.acc.code(acc), value: acc };
}

/** Every finite value of a small float format. */
function values(id: string): number[] {
  const f = lookupScalar(id);
  if (!f.ok) throw new Error(f.reason);
  const out: number[] = [];
  for (let c = 0n; c < 1n << BigInt(f.format.bits); c++) {
    const v = toFloat64(decode(f.format, c));
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

describe("dot-unit steppers equal ops/dot.ts block by block", () => {
  const e4m3 = values("fp8-e4m3");
  const e2m1 = values("fp4-e2m1");
  const cases: [string, AccumulatorSpec, number, number[]][] = [
    ["tc-v100 (4 lanes)", spec("tc-v100"), 4, e4m3],
    ["tc-a100 (8 lanes)", spec("tc-a100"), 8, e4m3],
    ["tc-h100 (16 lanes)", spec("tc-h100"), 16, e4m3],
    ["an RNE fp32 dot16 (neab 2)", spec("tc-h100", { outputRounding: "rne" }), 16, e4m3],
    ["a narrow dot32 (fracBits 13) on fp4 products", spec("tc-h100", { blockSize: 32, fracBits: 13, neab: 0 }), 32, e2m1],
  ];
  for (const [name, s, lanes, vals] of cases) {
    it(`${name}: 300 seeded dot products, ragged ends included`, () => {
      const rng = createPrng(lanes);
      for (let t = 0; t < 300; t++) {
        const len = 1 + Math.floor(rng.nextFloat64() * 5 * lanes);
        const prods = Array.from({ length: len }, () => vals[Math.floor(rng.nextFloat64() * vals.length)]! * vals[Math.floor(rng.nextFloat64() * vals.length)]!);
        const maxAbs = Math.max(...prods.map(Math.abs));
        expect(fast(s, lanes, prods, maxAbs).code).toBe(reference(s, lanes, prods).code);
      }
    });
  }

  it("int32 saturating dot8: tree sums saturate once per step, not per product", () => {
    const s = spec("int32-sat");
    const rng = createPrng(5);
    for (let t = 0; t < 200; t++) {
      const prods = Array.from({ length: 64 }, () => Math.round((rng.nextFloat64() - 0.3) * 2 ** 29));
      const r = fast(s, 8, prods, 2 ** 29, true);
      expect(r.code).toBe(reference(s, 8, prods).code);
    }
    // By hand: 2^31 − 1 is the ceiling. Products [2^30, 2^30, −2^30] in one step sum to 2^30 (no saturation),
    // while a MAC saturates at 2^31 − 1 after the second product and ends at 2^31 − 1 − 2^30.
    expect(fast(s, 4, [2 ** 30, 2 ** 30, -(2 ** 30)], 2 ** 30, true).value).toBe(2 ** 30);
  });

  it("Fasi et al. probes: 1 + 2^-24 + 2^-24 keeps the tiny addends with one extra alignment bit, drops them with none", () => {
    // Quantum Q = 2^(0 − 23 − neab). A100 (neab 1): 2^-24 is one quantum, so the sum is 1 + 2^-23, exact in fp32.
    // V100 (neab 0): Q = 2^-23, 2^-24 truncates to 0, the sum is 1.
    const probe = [1, 2 ** -24, 2 ** -24, 0];
    expect(fast(spec("tc-a100"), 8, probe, 1).value).toBe(1 + 2 ** -23);
    expect(fast(spec("tc-v100"), 4, probe, 1).value).toBe(1);
    expect(reference(spec("tc-a100"), 8, probe).value).toBe(1 + 2 ** -23);
    // Truncation is toward zero on each addend, so −2^-25 is lost on A100 (half a quantum) but 2^-24 − 2^-25 is not
    // representable either: 1 + 2^-24 − 2^-25 → 1 + 2^-24 → fp32 RTZ → 1.
    expect(fast(spec("tc-a100"), 8, [1, 2 ** -24, -(2 ** -25)], 1).value).toBe(1);
  });

  it("tc-h100-fp8 with promotion: a 13-bit block chain restarted every 128 products and added in fp32 equals ops/dot.ts", () => {
    // The reference promotes itself (accumulateProducts on the promoted spec); the stepper restarts its chain every
    // promotionInterval products and adds each partial with combine (an fp32 RNE add), as fastDotLanes does.
    const e4m3 = values("fp8-e4m3");
    for (const interval of [128, 64]) {
      const s = spec("tc-h100-fp8", { promotionInterval: interval });
      const r = prepareFloat64BlockAccumulator(s, 32, INFO(448 * 448));
      if (!r.ok) throw new Error(r.reason);
      expect(r.acc.promotionInterval).toBe(interval);
      const rng = createPrng(interval);
      const buf = new Float64Array(32);
      for (let t = 0; t < 150; t++) {
        const len = 1 + Math.floor(rng.nextFloat64() * 600);
        const prods = Array.from({ length: len }, () => e4m3[Math.floor(rng.nextFloat64() * e4m3.length)]! * e4m3[Math.floor(rng.nextFloat64() * e4m3.length)]!);
        let acc = 0;
        for (let p0 = 0; p0 < len; p0 += interval) {
          let partial = 0;
          for (let lo = p0; lo < Math.min(len, p0 + interval); lo += 32) {
            const m = Math.min(32, len - lo, p0 + interval - lo);
            for (let j = 0; j < m; j++) buf[j] = prods[lo + j]!;
            partial = r.acc.addBlock(partial, buf, m);
          }
          acc = r.acc.combine(acc, partial);
        }
        const ref = accumulateProducts(prods.map((v) => ({ value: fromFloat64(v), invalid: false })), { cls: "zero", sign: 0 }, s);
        if (!ref.ok) throw new Error(ref.reason);
        expect(r.acc.code(acc)).toBe(ref.code);
      }
    }
    // By hand: 13 fraction bits. Block [2^13, 1, 0.5]: emax 13, quantum 2^0, so 0.5 truncates away: 2^13 + 1.
    const r = prepareFloat64BlockAccumulator(spec("tc-h100-fp8"), 32, INFO(2 ** 13));
    if (!r.ok) throw new Error(r.reason);
    expect(r.acc.addBlock(0, new Float64Array([2 ** 13, 1, 0.5]), 3)).toBe(2 ** 13 + 1);
    // The promoted add keeps fp32's 23 bits: 2^13 + 2^-5 is exact in fp32 (18 bits apart).
    expect(r.acc.combine(2 ** 13, 2 ** -5)).toBe(2 ** 13 + 2 ** -5);
  });

  it("refuses what it cannot step exactly, with a reason", () => {
    const wide = prepareFloat64BlockAccumulator(spec("tc-h100"), 8, INFO(1));
    expect(wide.ok).toBe(false);
    if (!wide.ok) expect(wide.reason).toMatch(/block size 16 is not the PE's 8 lanes/);
    const seq = prepareFloat64BlockAccumulator(spec("fp32-seq"), 8, INFO(1));
    expect(seq.ok).toBe(false);
  });
});
