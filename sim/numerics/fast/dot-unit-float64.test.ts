import { describe, expect, it } from "vitest";
import { prepareDotUnitFloat64 } from "./dot-unit-float64.js";
import { accumulateProducts } from "../ops/dot.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { fromFloat64, toFloat64 } from "../float64.js";
import { lookupScalar } from "../formats/registry.js";
import type { FloatFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import { createPrng } from "../../prng.js";

const FP32 = (() => {
  const f = lookupScalar("fp32");
  if (!f.ok) throw new Error(f.reason);
  return f.format as FloatFormat;
})();
const spec = (blockSize: number, alignBits: number): AccumulatorSpec => ({ kind: "dot-unit", id: `dot${blockSize}-w${alignBits}`, blockSize, alignBits, outputFormat: FP32, outputRounding: "rne" });

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

/** ops/dot.ts, block by block from a starting register value. */
function reference(s: AccumulatorSpec, c: number, products: number[]) {
  const r = accumulateProducts(products.map((v) => ({ value: fromFloat64(v), invalid: false })), fromFloat64(c), s);
  if (!r.ok) throw new Error(r.reason);
  return r.code!;
}

function fast(s: AccumulatorSpec, c: number, products: number[]) {
  const lanes = s.kind === "dot-unit" ? s.blockSize : 1;
  const r = prepareDotUnitFloat64(s, lanes);
  if (!r.ok) throw new Error(r.reason);
  let acc = c;
  const buf = new Float64Array(lanes);
  for (let lo = 0; lo < products.length; lo += lanes) {
    const m = Math.min(lanes, products.length - lo);
    for (let j = 0; j < m; j++) buf[j] = products[lo + j]!;
    acc = r.acc.addBlock(acc, buf, m);
  }
  return { code: r.acc.code(acc), value: acc };
}

describe("dot-unit stepper equals ops/dot.ts", () => {
  const e2m1 = values("fp4-e2m1");
  const e4m3 = values("fp8-e4m3");
  for (const [name, vals, lanes, align] of [
    ["fp4 products, exact 10-bit window, dot16", e2m1, 16, 10],
    ["fp4 products, a 5-bit window that truncates, dot8", e2m1, 8, 5],
    ["fp8 products, the 27-bit cap, dot16", e4m3, 16, 27],
    ["fp8 products, a 12-bit window, dot32", e4m3, 32, 12],
  ] as const) {
    it(`${name}: 400 seeded dot products from random registers`, () => {
      const rng = createPrng(lanes * 100 + align);
      const s = spec(lanes, align);
      for (let t = 0; t < 400; t++) {
        const len = 1 + Math.floor(rng.nextFloat64() * 4 * lanes);
        const prods = Array.from({ length: len }, () => vals[Math.floor(rng.nextFloat64() * vals.length)]! * vals[Math.floor(rng.nextFloat64() * vals.length)]!);
        // Registers from tiny to huge, so the one rounding of register + block sum is exercised at every offset.
        const c = Math.fround((rng.nextFloat64() - 0.5) * 2 ** Math.floor(rng.nextFloat64() * 60 - 20));
        expect(fast(s, c, prods).code).toBe(reference(s, c, prods));
      }
    });
  }

  it("rounds register + block sum once: a tie goes to even, anything past it up (by hand)", () => {
    const s = spec(4, 40);
    // 1 + 2^-24 is half-way between 1 and 1 + 2^-23: ties to even, 1.
    expect(fast(s, 1, [2 ** -24]).value).toBe(1);
    // 1 + 2^-24 + 2^-60 is past the tie (2^-60 is kept: 36 bits below 2^-24, within 40): rounds up.
    expect(fast(s, 1, [2 ** -24, 2 ** -60]).value).toBe(1 + 2 ** -23);
    expect(reference(s, 1, [2 ** -24, 2 ** -60])).toBe(BigInt(0x3f800001));
    // With a 30-bit window the 2^-60 is truncated away and the tie is back: 1.
    expect(fast(spec(4, 30), 1, [2 ** -24, 2 ** -60]).value).toBe(1);
  });

  it("the register does not take part in the alignment (unlike a tensor-core block FMA)", () => {
    // Products 2^-30 and 3·2^-32 with a 2-bit window: emax = −30, quantum 2^-31; 3·2^-32 → 2^-31·1 (truncated).
    // The block sum 2^-30 + 2^-31 is then added to a register of 2^10 with one rounding: 1024 exactly (far below
    // half an ulp). A register aligned with the products would have dropped them the same way; here the point is
    // the block sum itself, so check it on a zero register: 1.5·2^-30.
    expect(fast(spec(2, 2), 0, [2 ** -30, 3 * 2 ** -32]).value).toBe(1.5 * 2 ** -30);
    expect(fast(spec(2, 2), 1024, [2 ** -30, 3 * 2 ** -32]).value).toBe(1024);
  });
});
