/**
 * Tensor-core presets against the probes of Fasi, Higham, Mikaitis, Pranesh 2021 ("Numerical behavior of NVIDIA
 * tensor cores", PeerJ CS 7:e330) and their published test programs. Each probe builds the inputs the way the
 * paper does (binary16 a, b; binary32 or binary16 c) and states the expected output, derived by hand.
 * Notation: u = 2^-24 (binary16's smallest subnormal, and half an ulp of 1 in binary32).
 */
import { describe, expect, it } from "vitest";
import type { Raw } from "../raw.js";
import { lookupScalar } from "../formats/registry.js";
import type { FloatFormat } from "../formats/format.js";
import { encode } from "../codec.js";
import { fromFloat64, toFloat64 } from "../float64.js";
import type { AccumulatorOverrides, AccumulatorSpec } from "./accumulator.js";
import { resolveAccumulator } from "./accumulator.js";
import { dot } from "./dot.js";

const F = (id: string) => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format as FloatFormat;
};
const FP16 = F("fp16");
const FP32 = F("fp32");
const FP8 = F("fp8-e4m3");

const spec = (name: string, o: AccumulatorOverrides = {}): AccumulatorSpec => {
  const r = resolveAccumulator(name, o);
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
};

/** Codes of exactly representable values (the test fails loudly if a value is not representable). */
function codes(fmt: FloatFormat, xs: readonly number[]): bigint[] {
  return xs.map((x) => {
    const e = encode(fmt, fromFloat64(x));
    if (e.flags.inexact) throw new Error(`${x} is not exact in ${fmt.id}`);
    return e.code;
  });
}

/** d = c + Σ a_i b_i on the given unit; returns d as a JS number (exact: every fp32/fp16 is a double). */
function mma(unit: AccumulatorSpec, a: number[], b: number[], c: number, inFmt: FloatFormat = FP16): number {
  const r = dot(codes(inFmt, a), codes(inFmt, b), fromFloat64(c), unit, { a: inFmt, b: inFmt });
  if (!r.ok) throw new Error(r.reason);
  return toFloat64(r.value);
}
const u = 2 ** -24;
const V100 = spec("tc-v100");
const A100 = spec("tc-a100");
const V100_FP16_OUT = spec("tc-v100", { outputFormat: "fp16" });

describe("tensor-core probes (Fasi et al. 2021)", () => {
  it("probe: products are computed exactly (not rounded to binary16 before the sum)", () => {
    // (1 − 2^-11)^2 = 1 − 2^-10 + 2^-22: 22 significant bits, exact in binary32 but not in binary16.
    const x = 1 - 2 ** -11;
    expect(mma(V100, [x, 0, 0, 0], [x, 0, 0, 0], 0)).toBe(1 - 2 ** -10 + 2 ** -22);
    // Four of them: 4 − 2^-8 + 2^-20 (emax = −1 keeps bits down to 2^-24; the sum needs 23 bits).
    expect(mma(V100, [x, x, x, x], [x, x, x, x], 0)).toBe(4 - 2 ** -8 + 2 ** -20);
    // binary16 output: (1−2^-11)^2 + (1−2^-11)·2^-11 = 1 − 2^-11 exactly; had the products been rounded
    // to binary16 first, the first would be 1 − 2^-10 and the sum 1 − 2^-10 + 2^-11 − 2^-22 ≠ 1 − 2^-11.
    expect(mma(V100_FP16_OUT, [x, x, 0, 0], [x, 2 ** -11, 0, 0], 0)).toBe(1 - 2 ** -11);
  });

  it("probe: products needing more than binary32 precision enter the sum unrounded", () => {
    // With binary32 inputs (the model takes any input format): (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 has 25
    // significant bits. A100 keeps 24 fraction bits below emax = 0, so 2^-24 survives the alignment and
    // 1 + 2^-11 + 2^-24 − 1 = 2^-11 + 2^-24. Rounding the product to binary32 first (a tie, to even) would
    // give 1 + 2^-11 and the result 2^-11.
    const x = 1 + 2 ** -12;
    expect(mma(A100, [x, 1], [x, -1], 0, FP32)).toBe(2 ** -11 + 2 ** -24);
  });

  it("probe: alignment truncates the smaller addends (products accumulated in binary32 with truncation)", () => {
    // c = 1 sets emax = 0; V100 keeps bits down to 2^-23, so each product u = 2^-24 is truncated to 0,
    // although their exact sum 4u = 2^-22 is representable: d = 1 (RTZ of the exact sum would be 1 + 2^-22).
    expect(mma(V100, [1, 1, 1, 1], [u, u, u, u], 1)).toBe(1);
    // "Sum starts from the largest element": the largest addend sets emax wherever it sits in the block.
    for (let j = 0; j < 4; j++) {
      const b = [u, u, u, u];
      b[j] = 1;
      expect(mma(V100, [1, 1, 1, 1], b, u)).toBe(1);
    }
  });

  it("probe: truncation is toward zero for each addend (round-down positive, round-up negative)", () => {
    // Products 2 and 3·2^-24: emax = 1, kept down to 2^-22; 3·2^-24 = 0.75·2^-22 truncates to 0 → d = 2.
    // (Rounding the exact sum 2 + 0.75·2^-22 to nearest would give 2 + 2^-22.)
    expect(mma(V100, [1, 1, 1, 1], [2, 3 * u, 0, 0], 0)).toBe(2);
    expect(mma(V100, [1, 1, 1, 1], [-2, -3 * u, 0, 0], 0)).toBe(-2);
    // A negative addend truncated toward zero raises the result: 1 − u is exact in binary32, but the
    // addend −u is dropped at emax = 0 (kept down to 2^-23), so d = 1.
    expect(mma(V100, [1, 0, 0, 0], [-u, 0, 0, 0], 1)).toBe(1);
  });

  it("probe: extra alignment bits (V100 none, A100 one)", () => {
    // 1·1 + c with c = −(1 − 2^-24): emax = 0. V100 keeps bits down to 2^-23, so c truncates toward zero to
    // −(1 − 2^-23) and d = 2^-23 (the exact result is 2^-24). A100 keeps one more bit: d = 2^-24 exactly.
    expect(mma(V100, [1, 0, 0, 0], [1, 0, 0, 0], -(1 - u))).toBe(2 ** -23);
    expect(mma(A100, [1, 0, 0, 0], [1, 0, 0, 0], -(1 - u))).toBe(2 ** -24);
  });

  it("probe: no normalization between the additions of a block (normalization in addition)", () => {
    // c = 1 − 2^-24 and four products u: emax = −1 (every addend is below 1), bits kept down to 2^-24, so all
    // addends are exact and the sum is 1 + 3·2^-24, normalized once and truncated to binary32: 1 + 2^-23.
    // Had the sum been renormalized after c + u = 1, the remaining u's would be truncated: d = 1.
    expect(mma(V100, [1, 1, 1, 1], [u, u, u, u], 1 - u)).toBe(1 + 2 ** -23);
  });

  it("probe: no normalization between the additions of a block (normalization in subtraction)", () => {
    // 1·1 + 1·(−u) + c, c = −1 + u. emax = 0: −u is truncated to 0 and c to −(1 − 2^-23), so d = 2^-23 on
    // V100 although the exact result is 0. A100's extra bit keeps everything: d = 0.
    expect(mma(V100, [1, 1, 0, 0], [1, -u, 0, 0], -1 + u)).toBe(2 ** -23);
    expect(mma(A100, [1, 1, 0, 0], [1, -u, 0, 0], -1 + u)).toBe(0);
  });

  it("probe: at least 3 carry bits (sums of large equal addends do not overflow the alignment window)", () => {
    // 1 + 1.5 + 1.75 + 1.875 + c = 1.875: five addends below 2 sum to 8 = 2^3, three bits above emax = 0.
    expect(mma(V100, [1, 1, 1, 1], [1, 1.5, 1.75, 1.875], 1.875)).toBe(8);
    // Three products 1, one product 2^-23 and c = 1 + 2^-22 + 2^-23 (every bit ≥ 2^-23 kept at emax = 0):
    // exact sum 4 + 2^-21, representable in binary32, whichever slot holds the small product.
    for (let i = 0; i < 4; i++) {
      const b = [1, 1, 1, 1];
      b[i] = 2 ** -23;
      expect(mma(V100, [1, 1, 1, 1], b, 1 + 2 ** -22 + 2 ** -23)).toBe(4 + 2 ** -21);
    }
  });

  it("probe: the binary32 result is rounded toward zero", () => {
    // 4·(1·1) + c, c = 1 + 2^-22 + 2^-23: all bits kept, exact sum 5 + 0.75·2^-21; normalized to [4, 8) the
    // ulp is 2^-21, so RTZ gives 5 (round-to-nearest would give 5 + 2^-21). Negated: −5.
    expect(mma(V100, [1, 1, 1, 1], [1, 1, 1, 1], 1 + 2 ** -22 + 2 ** -23)).toBe(5);
    expect(mma(V100, [1, 1, 1, 1], [-1, -1, -1, -1], -1 - 2 ** -22 - 2 ** -23)).toBe(-5);
    expect(V100.kind === "tensor-core" && V100.outputRounding).toBe("rtz");
  });

  it("probe: the binary16 result is rounded to nearest", () => {
    // 2^-24·2^-1 + 2^-24·2^-2 = 0.75·2^-24 with binary16 c = 0: nothing is lost in alignment (emax = −25), and
    // the sum rounds to nearest in binary16: 2^-24, its smallest subnormal (toward zero would give 0).
    expect(mma(V100_FP16_OUT, [u, u, 0, 0], [0.5, 0.25, 0, 0], 0)).toBe(u);
  });

  it("probe: subnormal inputs and outputs are supported", () => {
    // binary16 subnormal 2^-24 times 4 = 2^-22; binary32 subnormal c = 2^-149 passes through unchanged.
    expect(mma(V100, [u, 0, 0, 0], [4, 0, 0, 0], 0)).toBe(2 ** -22);
    expect(mma(V100, [0, 0, 0, 0], [0, 0, 0, 0], 2 ** -149)).toBe(2 ** -149);
    // binary16 output: 2^-14 · 2^-1 = 2^-15 is a binary16 subnormal, kept.
    expect(mma(V100_FP16_OUT, [2 ** -14, 0, 0, 0], [0.5, 0, 0, 0], 0)).toBe(2 ** -15);
  });

  it("probe: the dot product is not monotonic", () => {
    // Same products (four u); a larger c gives a smaller result: c = 1 − u → 1 + 2^-23, c = 1 → 1.
    const lower = mma(V100, [1, 1, 1, 1], [u, u, u, u], 1 - u);
    const higher = mma(V100, [1, 1, 1, 1], [u, u, u, u], 1);
    expect(higher).toBeLessThan(lower);
  });

  it("long dot products chain blocks in order, each block's binary32 result becoming the next c", () => {
    // Products [u, u, u, u | 1, 0, 0, 0], c = 0. With blocks of 4: block 1 is exact, 4u = 2^-22; block 2
    // aligns 1 and c = 2^-22 (kept, ≥ 2^-23): d = 1 + 2^-22. As one block of 8 (emax = 0) the u's are
    // truncated: d = 1.
    const a = [1, 1, 1, 1, 1, 0, 0, 0];
    const b = [u, u, u, u, 1, 0, 0, 0];
    expect(mma(V100, a, b, 0)).toBe(1 + 2 ** -22);
    expect(mma(spec("tc-v100", { blockSize: 8 }), a, b, 0)).toBe(1);
  });

  it("neab override widens the alignment window", () => {
    // The V100 extra-bits probe with neab = 1 behaves like A100.
    expect(mma(spec("tc-v100", { neab: 1 }), [1, 0, 0, 0], [1, 0, 0, 0], -(1 - u))).toBe(2 ** -24);
  });

  it("special values: NaN and ∞ − ∞ give NaN (invalid), ∞ passes through", () => {
    const inf = dot(codes(FP16, [Infinity, 1]), codes(FP16, [1, 1]), fromFloat64(0), V100, { a: FP16, b: FP16 });
    expect(inf.ok && toFloat64(inf.value)).toBe(Infinity);
    const nan = dot(codes(FP16, [Infinity, -Infinity]), codes(FP16, [1, 1]), fromFloat64(0), V100, { a: FP16, b: FP16 });
    expect(nan.ok && nan.value.cls).toBe("nan");
    expect(nan.ok && nan.flags.invalid).toBe(true);
  });
});

describe("tc-h100-fp8: limited fraction bits with promotion (DeepSeek-V3 §3.3.2)", () => {
  const H = spec("tc-h100-fp8");
  const e4 = (xs: number[]) => codes(FP8, xs);
  const run = (unit: AccumulatorSpec, a: number[], b: number[], c: Raw) => {
    const r = dot(e4(a), e4(b), c, unit, { a: FP8, b: FP8 });
    if (!r.ok) throw new Error(r.reason);
    return toFloat64(r.value);
  };

  it("keeps 13 fraction bits inside a block", () => {
    // 1·1 + 2^-7·2^-7: emax = 0, bits kept down to 2^-13, so 2^-14 is truncated: 1. With 14 bits kept
    // (override fracBits = 14) it survives: 1 + 2^-14.
    expect(run(H, [1, 2 ** -7], [1, 2 ** -7], fromFloat64(0))).toBe(1);
    expect(run(spec("tc-h100-fp8", { fracBits: 14 }), [1, 2 ** -7], [1, 2 ** -7], fromFloat64(0))).toBe(1 + 2 ** -14);
  });

  it("promotes the partial sum into fp32 every 128 products", () => {
    // Products 0..127: one 1 and zeros → partial 1, promoted: acc = 1. Products 128..255: all 2^-14; the
    // partial restarts at 0 so the tiny products are not swamped: 4 blocks of 32·2^-14 = 2^-7, promoted:
    // acc = 1 + 2^-7. Without promotion (interval = the whole vector) every 2^-14 meets emax = 0 and is
    // truncated: 1.
    const a = [1, ...new Array<number>(127).fill(0), ...new Array<number>(128).fill(2 ** -7)];
    const b = [1, ...new Array<number>(127).fill(0), ...new Array<number>(128).fill(2 ** -7)];
    expect(run(H, a, b, fromFloat64(0))).toBe(1 + 2 ** -7);
    expect(run(spec("tc-h100-fp8", { promotionInterval: 256 }), a, b, fromFloat64(0))).toBe(1);
  });

  it("adds c in the fp32 accumulator, rounding to nearest at promotion", () => {
    // c = 2^24 (fp32), products 1 + 1 + 1 (partial 3): 2^24 + 3 is a binary32 tie between 2^24 + 2 and
    // 2^24 + 4; round-to-nearest-even gives 2^24 + 4 (truncation would give 2^24 + 2).
    expect(run(H, [1, 1, 1], [1, 1, 1], fromFloat64(2 ** 24))).toBe(2 ** 24 + 4);
  });
});
