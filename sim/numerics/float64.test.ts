// fp32 encode against Math.fround on 10^6 seeded float64 inputs; fp64 through fromFloat64/toFloat64 and the
// codec; toFloat64 in every mode against exact bracketing by neighbouring float64 values.
import { describe, expect, it } from "vitest";
import { createPrng } from "../prng.js";
import type { Prng } from "../prng.js";
import { decode, encode } from "./codec.js";
import { codeToFloat64, float64ToCode, FP64, fromFloat64, toFloat64 } from "./float64.js";
import type { ScalarFormat } from "./formats/format.js";
import { lookupScalar } from "./formats/registry.js";
import { oracleDecode } from "./oracle/format-model.js";
import type { Rational } from "./oracle/rational.js";
import { abs, cmp, mul, pow2, rat, sub } from "./oracle/rational.js";
import { oracleToRaw, rawToOracle, sameOracleValue } from "./oracle/raw-bridge.js";
import type { RoundingMode } from "./rounding.js";

const fmt = (name: string): ScalarFormat => {
  const r = lookupScalar(name);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

/** float64 with the given 64-bit pattern (hi, lo as uint32). */
function f64FromBits(view: DataView, hi: number, lo: number): number {
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

/**
 * The 10^6-input mix: 40% uniform float64 bit patterns, 30% fp32 midpoints (exact, and a few float64 ulps
 * either side), 15% the fp32 subnormal range 2^-152..2^-125, 15% the overflow range 2^127..2^129 including
 * max + ulp/2 itself.
 */
function fp32Inputs(rng: Prng, n: number): Float64Array {
  const out = new Float64Array(n);
  const view = new DataView(new ArrayBuffer(8));
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < n; i++) {
    const pick = rng.nextUint32() % 100;
    const sign = rng.nextUint32() & 1 ? -1 : 1;
    if (pick < 40) {
      out[i] = f64FromBits(view, rng.nextUint32(), rng.nextUint32());
    } else if (pick < 70) {
      // A finite fp32 and its successor; past max the successor is 2^128 (the unbounded-exponent grid).
      u32[0] = rng.nextUint32() % 0x7f800000;
      const a = f32[0]!;
      u32[0] = u32[0]! + 1;
      const b = u32[0] === 0x7f800000 ? 2 ** 128 : f32[0]!;
      const mid = (a + b) / 2; // exact in float64: 25 significant bits
      const k = (rng.nextUint32() % 7) - 3; // 0 (exact midpoint) or up to 3 float64 ulps away
      const code = float64ToCode(mid) + BigInt(k);
      out[i] = sign * codeToFloat64(code);
    } else if (pick < 85) {
      const e = -152 + (rng.nextUint32() % 28);
      out[i] = sign * (1 + rng.nextFloat64()) * 2 ** e;
    } else {
      const r = rng.nextUint32() % 16;
      if (r === 0) out[i] = sign * (2 ** 128 - 2 ** 103); // max + ulp/2: the first value that overflows
      else out[i] = sign * (1 + rng.nextFloat64()) * 2 ** (127 + (r & 1));
    }
  }
  return out;
}

describe("fp32 encode agrees with Math.fround", () => {
  it("on 10^6 seeded float64 inputs: same code, and flags consistent with fround", () => {
    const fp32 = fmt("fp32");
    const xs = fp32Inputs(createPrng(32), 1_000_000);
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    const bad: string[] = [];
    let nanCount = 0;
    const seen = { ties: 0, overflow: 0, underflow: 0 };
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const e = encode(fp32, fromFloat64(x));
      const r = Math.fround(x);
      f32[0] = r;
      const code = Number(e.code);
      if (Number.isNaN(x)) {
        nanCount++;
        if ((code & 0x7f800000) !== 0x7f800000 || (code & 0x7fffff) === 0) bad.push(`NaN → 0x${code.toString(16)}`);
        continue;
      }
      const inexact = r !== x;
      const other = 2 * x - r; // the other fp32 neighbour when x is exactly halfway
      if (inexact && Number.isFinite(other) && Math.fround(other) === other) seen.ties++;
      if (e.flags.overflow) seen.overflow++;
      if (e.flags.underflow) seen.underflow++;
      const flagsOk =
        e.flags.inexact === inexact &&
        e.flags.overflow === (Number.isFinite(x) && !Number.isFinite(r)) &&
        e.flags.underflow === (inexact && Math.abs(x) < 2 ** -126) &&
        !e.flags.invalid;
      if (code !== u32[0] || !flagsOk) {
        bad.push(`${x} (0x${float64ToCode(x).toString(16)}): got 0x${code.toString(16)} ${JSON.stringify(e.flags)}, fround 0x${u32[0]!.toString(16)}`);
        if (bad.length > 10) break;
      }
    }
    expect(bad).toEqual([]);
    expect(nanCount).toBeGreaterThan(0); // the uniform bit patterns include NaNs
    // The mix really exercises ties, overflow and underflow.
    expect(Math.min(seen.ties, seen.overflow, seen.underflow)).toBeGreaterThan(20_000);
  });
});

describe("fp64", () => {
  it("fromFloat64 / toFloat64 and encode/decode round-trip 10^5 random bit patterns exactly", () => {
    const rng = createPrng(64);
    const fp64 = fmt("fp64");
    const view = new DataView(new ArrayBuffer(8));
    const specials = [0, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MAX_VALUE, 2 ** -1022, 1, -1.5];
    const xs = [...specials, ...Array.from({ length: 100_000 }, () => f64FromBits(view, rng.nextUint32(), rng.nextUint32()))];
    const bad: number[] = [];
    for (const x of xs) {
      const raw = fromFloat64(x);
      const back = toFloat64(raw);
      const code = float64ToCode(x);
      const ok =
        (Number.isNaN(x) ? Number.isNaN(back) : Object.is(back, x)) &&
        sameOracleValue(rawToOracle(raw), Number.isNaN(x) ? { cls: "nan", sign: 0 } : oracleDecode(FP64, code)) &&
        encode(fp64, raw).code === (Number.isNaN(x) ? 0x7ff8000000000000n : code) &&
        (Number.isNaN(x) || sameOracleValue(rawToOracle(decode(fp64, code)), rawToOracle(raw)));
      if (!ok) bad.push(x);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it("float64ToCode / codeToFloat64 are the IEEE bit patterns", () => {
    expect(float64ToCode(1)).toBe(0x3ff0000000000000n);
    expect(float64ToCode(-0)).toBe(0x8000000000000000n);
    expect(float64ToCode(Number.MIN_VALUE)).toBe(1n);
    expect(codeToFloat64(0x7ff0000000000000n)).toBe(Infinity);
    expect(codeToFloat64(0xc000000000000000n)).toBe(-2);
  });

  /** Exact decimal of a dyadic rational, written here (n·5^k / 10^k), for JS's correctly rounded Number(). */
  function dyadicToDecimal(q: Rational): string {
    let n = q.n < 0n ? -q.n : q.n;
    let k = 0;
    let d = q.d;
    while (d > 1n) {
      d >>= 1n;
      k++;
    }
    n *= 5n ** BigInt(k);
    const digits = n.toString().padStart(k + 1, "0");
    return `${q.n < 0n ? "-" : ""}${digits.slice(0, digits.length - k)}.${digits.slice(digits.length - k) || "0"}`;
  }

  const exactValue = (v: number): Rational | "inf" => {
    if (!Number.isFinite(v)) return "inf";
    const o = oracleDecode(FP64, float64ToCode(Math.abs(v)));
    return o.cls === "finite" ? o.value : rat(0n);
  };
  /** Next float64 above |v| (toward +∞), as an exact rational, with 2^1024 past max (the unbounded grid). */
  const nextUp = (v: number): Rational => {
    const a = Math.abs(v);
    if (a === Number.MAX_VALUE) return pow2(1024);
    return exactValue(codeToFloat64(float64ToCode(a) + 1n)) as Rational;
  };

  it("toFloat64 RNE equals Number() of the exact decimal (ECMAScript rounds decimal strings to nearest, ties to even)", () => {
    const rng = createPrng(11);
    const bad: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const bits = 1 + (rng.nextUint32() % 110);
      const sig = rng.nextBits(Math.min(bits, 64)) << BigInt(Math.max(0, bits - 64)) | 1n;
      const t = -1080 + (rng.nextUint32() % 2110); // magnitude 2^t: subnormals to overflow
      const q = mul(rat(rng.nextUint32() & 1 ? -sig : sig), pow2(t - bits));
      const got = toFloat64(oracleToRaw({ cls: "finite", value: q }));
      const want = Number(dyadicToDecimal(q));
      if (!Object.is(got, want)) bad.push(`${dyadicToDecimal(q)}: got ${got} want ${want}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("toFloat64 in the directed and ties-away modes brackets the exact value correctly", () => {
    const rng = createPrng(12);
    const bad: string[] = [];
    const modes: RoundingMode[] = ["rtz", "rup", "rdn", "rna"];
    for (let i = 0; i < 3000; i++) {
      const bits = 54 + (rng.nextUint32() % 40);
      const sig = (rng.nextBits(64) << BigInt(bits - 64 > 0 ? bits - 64 : 0)) | (1n << BigInt(bits - 1)) | 1n;
      const t = -1080 + (rng.nextUint32() % 2110);
      const neg = (rng.nextUint32() & 1) === 1;
      const q = mul(rat(neg ? -sig : sig), pow2(t - bits + 1));
      const mag = abs(q);
      for (const rounding of modes) {
        const r = toFloat64(oracleToRaw({ cls: "finite", value: q }), { rounding });
        if (Math.sign(r) !== (neg ? -1 : 1) && r !== 0) {
          bad.push(`${rounding} sign`);
          continue;
        }
        // Magnitudes: lo = |r| rounded toward zero candidate, hi = next float64 above it.
        const towardZero = rounding === "rtz" || (rounding === "rup" && neg) || (rounding === "rdn" && !neg);
        const rv = exactValue(r);
        let ok: boolean;
        if (rounding === "rna") {
          // Nearest, ties away: |x − r| ≤ half the gap around r.
          if (rv === "inf") ok = cmp(mag, sub(pow2(1024), pow2(970))) >= 0;
          else {
            const up = sub(nextUp(r), rv);
            const down = Math.abs(r) === 0 ? up : sub(rv, exactValue(codeToFloat64(float64ToCode(Math.abs(r)) - 1n)) as Rational);
            const err = sub(mag, rv);
            ok = cmp(err, mul(up, rat(1n, 2n))) < 0 && cmp(mul(err, rat(-1n)), mul(down, rat(1n, 2n))) <= 0;
          }
        } else if (towardZero) {
          ok = rv !== "inf" && cmp(rv, mag) <= 0 && (Math.abs(r) === Number.MAX_VALUE || cmp(mag, nextUp(r)) < 0);
        } else if (rv === "inf") {
          ok = cmp(mag, exactValue(Number.MAX_VALUE) as Rational) > 0;
        } else {
          const below = Math.abs(r) === 0 ? rat(0n) : (exactValue(codeToFloat64(float64ToCode(Math.abs(r)) - 1n)) as Rational);
          ok = cmp(mag, rv) <= 0 && cmp(below, mag) < 0;
        }
        if (!ok) bad.push(`${rounding} ${dyadicToDecimal(q).slice(0, 40)}… → ${r}`);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
