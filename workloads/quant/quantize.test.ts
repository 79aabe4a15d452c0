import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import type { Tensor } from "../tensors/tensor.js";
import { dequantize } from "./dequantize.js";
import { formatRange, quantize } from "./quantize.js";
import type { QuantScheme, ScaledScheme } from "./scheme.js";
import { perTensorSymmetric } from "./scheme.js";

const T = (shape: number[], values: number[]): Tensor => ({ shape, data: Float64Array.from(values) });
const normal = (shape: number[], seed: number, std = 1): Tensor => {
  const rng = createPrng(seed);
  return { shape, data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => std * rng.nextNormal()) };
};
const q = (t: Tensor, s: QuantScheme) => {
  const r = quantize(t, s);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (t: Tensor, s: QuantScheme) => {
  const r = quantize(t, s);
  if (r.ok) throw new Error("unexpectedly quantized");
  return r.reason;
};
const scheme = (over: Partial<ScaledScheme>): ScaledScheme => ({ ...perTensorSymmetric("int8"), ...over });

describe("formatRange", () => {
  it("gives integer ranges and float max finite values from the format", () => {
    const range = (id: string) => {
      const r = q(T([1], [0]), scheme({ formatId: id, symmetric: !id.startsWith("u") }));
      return formatRange(r.format);
    };
    expect(range("int8")).toEqual({ qmin: -128, qmax: 127 });
    expect(range("uint8")).toEqual({ qmin: 0, qmax: 255 });
    expect(range("int4")).toEqual({ qmin: -8, qmax: 7 });
    expect(range("fp8-e4m3")).toEqual({ qmin: -448, qmax: 448 });
    expect(range("fp8-e5m2")).toEqual({ qmin: -57344, qmax: 57344 });
    expect(range("fp4-e2m1")).toEqual({ qmin: -6, qmax: 6 });
  });
});

describe("symmetric integer quantization", () => {
  it("int8 per-tensor absmax: codes by hand (scale = 127/127 = 1, RNE ties to even)", () => {
    const r = q(T([5], [127, -63.5, 1, 0.25, -127]), perTensorSymmetric("int8"));
    expect(r.scales[0]).toBe(1);
    // Two's-complement codes: −64 → 0xC0, −127 → 0x81.
    expect(Array.from(r.codes)).toEqual([127n, 0xc0n, 1n, 0n, 0x81n]);
    expect(r.clipped).toBe(0);
  });

  it("round trip error ≤ scale/2 everywhere under absmax (nothing clips)", () => {
    const t = normal([100, 100], 1);
    const r = q(t, perTensorSymmetric("int8"));
    const absmax = Math.max(...t.data.map(Math.abs));
    expect(r.scales[0]).toBe(absmax / 127);
    const back = dequantize(r).data;
    t.data.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual((r.scales[0]! / 2) * (1 + 1e-9)));
  });

  it("never produces −128 for a symmetric int8 scheme, even when percentile calibration clips", () => {
    const t = T([4], [-1000, 1, 2, 3]);
    const r = q(t, scheme({ calibration: { kind: "percentile", percentile: 70 } }));
    expect(r.codes[0]).toBe(0x81n); // −127
    expect(r.clipped).toBe(1);
  });
});

describe("float-format scales", () => {
  it("per-tensor maps absmax to the format's max finite value", () => {
    const t = normal([4096], 2);
    const r = q(t, perTensorSymmetric("fp8-e4m3"));
    const absmax = Math.max(...t.data.map(Math.abs));
    expect(r.scales[0]).toBe(absmax / 448);
    const iMax = t.data.findIndex((x) => Math.abs(x) === absmax);
    expect(r.codes[iMax]! & 0x7fn).toBe(0x7en); // ±448
    expect(Math.abs(dequantize(r).data[iMax]!)).toBeCloseTo(absmax, 12);
  });

  it("fp8-e4m3 round trip: relative error ≤ 2^-4 in the normal range, ≤ half a subnormal step below", () => {
    const t = normal([8192], 3);
    const r = q(t, perTensorSymmetric("fp8-e4m3"));
    const s = r.scales[0]!;
    const back = dequantize(r).data;
    t.data.forEach((x, i) => {
      const bound = Math.max(2 ** -4 * Math.abs(x), 2 ** -10 * s);
      expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(bound * (1 + 1e-9));
    });
  });

  it("unit scale is a plain cast: bf16 values equal an independent RNE to 8 significant bits", () => {
    const t = normal([2000], 4, 1000);
    const r = q(t, scheme({ formatId: "bf16", scaleMode: "unit" }));
    const back = dequantize(r).data;
    t.data.forEach((x, i) => {
      const e = Math.floor(Math.log2(Math.abs(x)));
      const m = x / 2 ** (e - 7); // in [128, 256): 8 significant bits kept
      let rm = Math.round(m);
      if (Math.abs(m - Math.trunc(m)) === 0.5 && rm % 2 !== 0) rm -= 1; // ties to even
      expect(back[i]).toBe(rm * 2 ** (e - 7));
    });
  });

  it("pow2 scales are powers of two no smaller than the fitted scale", () => {
    const t = normal([1000], 5, 3);
    const fit = q(t, perTensorSymmetric("fp8-e5m2")).scales[0]!;
    const p2 = q(t, scheme({ formatId: "fp8-e5m2", scaleMode: "pow2" })).scales[0]!;
    expect(Number.isInteger(Math.log2(p2))).toBe(true);
    expect(p2).toBeGreaterThanOrEqual(fit);
    expect(p2).toBeLessThan(2 * fit);
  });
});

describe("per-channel and per-block scales", () => {
  it("per-channel: an outlier channel does not widen the other channels' scales", () => {
    // [rows=3, channels=2]: channel 1 holds a 1000× outlier.
    const t = T([3, 2], [1, 1000, -0.5, 2, 0.25, -3]);
    const r = q(t, scheme({ granularity: { kind: "per-channel", axis: 1 } }));
    expect(Array.from(r.scales)).toEqual([1 / 127, 1000 / 127]);
    expect(r.codes[0]).toBe(127n);
    const pt = q(t, perTensorSymmetric("int8"));
    expect(pt.codes[0]).toBe(0n); // per tensor the small channel collapses to zero
  });

  it("per-block: each block of the axis gets its own absmax scale, last block partial", () => {
    const t = T([1, 10], [1, -2, 3, -4, 10, 20, 30, -40, 0.5, 0.25]);
    const r = q(t, scheme({ granularity: { kind: "per-block", axis: 1, blockSize: 4 } }));
    expect(r.groupShape).toEqual([1, 3]);
    expect(Array.from(r.scales)).toEqual([4 / 127, 40 / 127, 0.5 / 127]);
    const back = dequantize(r).data;
    t.data.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(r.scales[r.groupOf[i]!]! / 2 + 1e-15));
  });
});

describe("asymmetric quantization", () => {
  it("uint8 over [−1, 3]: scale 4/255, integer zero point, zero exact", () => {
    const t = T([5], [-1, 0, 1, 2, 3]);
    const r = q(t, scheme({ formatId: "uint8", symmetric: false }));
    expect(r.scales[0]).toBe(4 / 255);
    expect(r.zeroPoints[0]).toBe(64); // round(0 − (−1)/(4/255)) = round(63.75)
    expect(r.codes[1]).toBe(64n);
    const back = dequantize(r).data;
    expect(back[1]).toBe(0);
    // Half a step from rounding plus up to half a step from rounding the zero point (at the clamped ends).
    t.data.forEach((x, i) => expect(Math.abs(back[i]! - x)).toBeLessThanOrEqual(r.scales[0]! * (1 + 1e-9)));
  });

  it("int8 asymmetric over a positive-only range uses the full 256 levels", () => {
    const t = T([3], [0, 2.55, 1]);
    const r = q(t, scheme({ symmetric: false }));
    expect(r.scales[0]).toBeCloseTo(0.01, 15);
    expect(r.zeroPoints[0]).toBe(-128);
    expect(r.codes[0]).toBe(0x80n); // −128
    expect(r.codes[1]).toBe(127n);
  });

  it("float format asymmetric: the range centre maps to code 0 and the top to +max", () => {
    // Range [0, 20] (lo widened to include 0): centre 10, scale 10/448.
    const t = T([4], [10, 20, 0, 15]);
    const r = q(t, scheme({ formatId: "fp8-e4m3", symmetric: false }));
    expect(r.scales[0]).toBe(20 / (2 * 448));
    expect(r.codes[0]).toBe(0n);
    expect(r.codes[1]).toBe(0x7en);
    expect(r.codes[2]).toBe(0xfen);
    const back = dequantize(r).data;
    expect(back[0]).toBeCloseTo(10, 12);
    expect(back[1]).toBeCloseTo(20, 12);
    expect(back[2]).toBeCloseTo(0, 12);
  });
});

describe("percentile calibration", () => {
  it("99.9th percentile clips exactly the values above the threshold and shrinks the scale", () => {
    const t = normal([20000], 6);
    t.data[10] = 500; // an outlier that would dominate absmax
    const abs = q(t, perTensorSymmetric("int8"));
    const pct = q(t, scheme({ calibration: { kind: "percentile", percentile: 99.9 } }));
    expect(pct.scales[0]!).toBeLessThan(abs.scales[0]! / 50);
    const thr = pct.scales[0]! * 127;
    expect(pct.clipped).toBe(t.data.filter((x) => Math.abs(x) > thr * (1 + 1e-12)).length);
    expect(pct.clipped).toBeGreaterThan(10);
    expect(pct.clipped).toBeLessThan(40);
    expect(pct.codes[10]).toBe(127n);
  });
});

describe("stochastic rounding", () => {
  it("is reproducible from the seed and unbiased on average", () => {
    const t = T([4000], new Array(4000).fill(0.3));
    const s = scheme({ scaleMode: "unit", rounding: "stochastic", stochastic: { seed: 9, bits: 16 } });
    const a = q(t, s);
    const b = q(t, s);
    expect(Array.from(a.codes)).toEqual(Array.from(b.codes));
    const c = q(t, { ...s, stochastic: { seed: 10, bits: 16 } });
    expect(Array.from(c.codes)).not.toEqual(Array.from(a.codes));
    const mean = dequantize(a).data.reduce((x, y) => x + y, 0) / 4000;
    expect(Math.abs(mean - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / 4000));
  });
});

describe("scheme errors", () => {
  const t = T([2, 2], [1, 2, 3, 4]);
  it("block schemes reject unknown formats, codebooks and bad axes", () => {
    expect(reason(t, { kind: "block", formatId: "nf4", axis: 1 })).toMatch(/codebook/);
    expect(reason(t, { kind: "block", formatId: "mxfp9", axis: 1 })).toMatch(/unknown block format 'mxfp9': did you mean/);
    expect(reason(t, { kind: "block", formatId: "mxfp4", axis: 5 })).toMatch(/axis/);
  });
  it("names the problem", () => {
    expect(reason(t, scheme({ formatId: "int88" }))).toMatch(/unknown format|out of range/);
    expect(reason(t, scheme({ formatId: "fp8-e4m3x" }))).toMatch(/did you mean/);
    expect(reason(t, scheme({ formatId: "uint8" }))).toMatch(/unsigned/);
    expect(reason(t, scheme({ formatId: "e8m0", symmetric: false }))).toMatch(/unsigned scale format/);
    expect(reason(t, scheme({ formatId: "int64" }))).toMatch(/wider than 32 bits/);
    expect(reason(t, scheme({ granularity: { kind: "per-channel", axis: 5 } }))).toMatch(/axis 5/);
    expect(reason(t, scheme({ granularity: { kind: "per-block", axis: 1, blockSize: 0 } }))).toMatch(/blockSize/);
    expect(reason(t, scheme({ calibration: { kind: "percentile", percentile: 30 } }))).toMatch(/percentile 30/);
    expect(reason(t, scheme({ rounding: "stochastic" }))).toMatch(/seed/);
  });
});
