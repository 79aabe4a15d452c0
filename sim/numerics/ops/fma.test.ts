/**
 * fusedMultiplyAdd against an exact rational oracle written here from IEEE 754-2019 (§3.4 encodings, §4.3
 * rounding, §6.3 zero signs, §7 exceptions) with BigInt fractions. It shares no code with ops/ or round-pack.
 */
import { describe, expect, it } from "vitest";
import type { FloatFormat } from "../formats/format.js";
import { lookupScalar } from "../formats/registry.js";
import type { RoundingMode } from "../rounding.js";
import { createPrng } from "../../prng.js";
import { fma } from "./fma.js";

const F = (id: string) => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format as FloatFormat;
};

// ---------- oracle: IEEE binary formats as exact rationals ----------
interface Bin {
  E: number;
  M: number;
}
type Val = { k: "nan" } | { k: "inf"; neg: boolean } | { k: "num"; neg: boolean; n: bigint; d: bigint };
type Mode = Exclude<RoundingMode, "stochastic">;

const bias = (f: Bin) => 2 ** (f.E - 1) - 1;

function decodeBin(f: Bin, code: bigint): Val {
  const neg = (code >> BigInt(f.E + f.M)) & 1n ? true : false;
  const e = Number((code >> BigInt(f.M)) & ((1n << BigInt(f.E)) - 1n));
  const frac = code & ((1n << BigInt(f.M)) - 1n);
  if (e === 2 ** f.E - 1) return frac === 0n ? { k: "inf", neg } : { k: "nan" };
  const n = e === 0 ? frac : (1n << BigInt(f.M)) | frac;
  const p = (e === 0 ? 1 : e) - bias(f) - f.M; // value = n · 2^p
  return p >= 0 ? { k: "num", neg, n: n << BigInt(p), d: 1n } : { k: "num", neg, n, d: 1n << BigInt(-p) };
}

function bitlen(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

interface Rounded {
  code: bigint | "nan";
  inexact: boolean;
  overflow: boolean;
}

/** Round the nonzero rational (neg, n/d) to format f with mode m. */
function roundBin(f: Bin, neg: boolean, n: bigint, d: bigint, m: Mode): Rounded {
  const emin = 1 - bias(f);
  const emax = bias(f);
  const sbit = neg ? 1n << BigInt(f.E + f.M) : 0n;
  // e0 = floor(log2(n/d))
  let e0 = bitlen(n) - bitlen(d);
  const ge = (e: number) => (e >= 0 ? n >= d << BigInt(e) : n << BigInt(-e) >= d);
  if (!ge(e0)) e0 -= 1;
  let qe = Math.max(e0, emin) - f.M;
  const num = qe >= 0 ? n : n << BigInt(-qe);
  const den = qe >= 0 ? d << BigInt(qe) : d;
  let k = num / den;
  const r = num % den;
  let up = false;
  if (r !== 0n) {
    if (m === "rne") up = 2n * r > den || (2n * r === den && (k & 1n) === 1n);
    else if (m === "rna") up = 2n * r >= den;
    else if (m === "rup") up = !neg;
    else if (m === "rdn") up = neg;
  }
  if (up) k += 1n;
  if (k === 1n << BigInt(f.M + 1)) {
    k >>= 1n;
    qe += 1;
  }
  const eOut = k === 0n ? emin : bitlen(k) - 1 + qe;
  if (eOut > emax) {
    const toMax = m === "rtz" || (m === "rup" && neg) || (m === "rdn" && !neg);
    const maxCode = (BigInt(2 ** f.E - 2) << BigInt(f.M)) | ((1n << BigInt(f.M)) - 1n);
    const infCode = BigInt(2 ** f.E - 1) << BigInt(f.M);
    return { code: sbit | (toMax ? maxCode : infCode), inexact: true, overflow: true };
  }
  const hidden = 1n << BigInt(f.M);
  const code = k >= hidden ? (BigInt(qe + f.M + bias(f)) << BigInt(f.M)) | (k - hidden) : k;
  return { code: sbit | code, inexact: r !== 0n, overflow: false };
}

interface OracleOut extends Rounded {
  invalid: boolean;
}

function oracleFma(f: Bin, ac: bigint, bc: bigint, cc: bigint, m: Mode): OracleOut {
  const a = decodeBin(f, ac);
  const b = decodeBin(f, bc);
  const c = decodeBin(f, cc);
  const nan = (invalid: boolean): OracleOut => ({ code: "nan", inexact: false, overflow: false, invalid });
  const inf = (neg: boolean): OracleOut => ({
    code: (neg ? 1n << BigInt(f.E + f.M) : 0n) | (BigInt(2 ** f.E - 1) << BigInt(f.M)),
    inexact: false,
    overflow: false,
    invalid: false,
  });
  const isZero = (v: Val) => v.k === "num" && v.n === 0n;
  if ((a.k === "inf" && isZero(b)) || (b.k === "inf" && isZero(a))) return nan(true);
  if (a.k === "nan" || b.k === "nan" || c.k === "nan") return nan(false);
  const pneg = (a as { neg: boolean }).neg !== (b as { neg: boolean }).neg;
  if (a.k === "inf" || b.k === "inf") {
    if (c.k === "inf" && c.neg !== pneg) return nan(true);
    return inf(pneg);
  }
  if (c.k === "inf") return inf(c.neg);
  if (a.k !== "num" || b.k !== "num" || c.k !== "num") throw new Error("unreachable");
  // exact a·b + c over a common denominator
  const pn = (pneg ? -1n : 1n) * a.n * b.n;
  const pd = a.d * b.d;
  const cn = (c.neg ? -1n : 1n) * c.n;
  const sn = pn * c.d + cn * pd;
  const sd = pd * c.d;
  if (sn === 0n) {
    const pZero = a.n === 0n || b.n === 0n;
    const cZero = c.n === 0n;
    let neg: boolean;
    if (pZero && cZero) neg = pneg === c.neg ? pneg : m === "rdn";
    else neg = m === "rdn"; // exact cancellation (§6.3)
    return { code: neg ? 1n << BigInt(f.E + f.M) : 0n, inexact: false, overflow: false, invalid: false };
  }
  return { ...roundBin(f, sn < 0n, sn < 0n ? -sn : sn, sd, m), invalid: false };
}

// ---------- helpers ----------
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bitsOf = (x: number) => {
  f32[0] = x;
  return BigInt(u32[0]!);
};
const numOf = (code: bigint) => {
  u32[0] = Number(code);
  return f32[0]!;
};

const MODES: Mode[] = ["rne", "rtz", "rna", "rup", "rdn"];

function check(fmt: FloatFormat, a: bigint, b: bigint, c: bigint, m: Mode) {
  const want = oracleFma({ E: fmt.expBits, M: fmt.manBits }, a, b, c, m);
  const got = fma(fmt, a, b, c, { rounding: m });
  const ctx = `${fmt.id} ${m} fma(0x${a.toString(16)}, 0x${b.toString(16)}, 0x${c.toString(16)})`;
  if (want.code === "nan") expect(got.value.cls, ctx).toBe("nan");
  else expect(got.code, ctx).toBe(want.code);
  expect([got.flags.inexact, got.flags.overflow, got.flags.invalid], ctx).toEqual([
    want.inexact,
    want.overflow,
    want.invalid,
  ]);
}

describe("fma: one rounding of a·b + c (seeded random vs a rational oracle)", () => {
  it("fp32, all rounding modes: random bit patterns, specials and near-cancellations", () => {
    const FP32 = F("fp32");
    const rng = createPrng(2024);
    const specials = [0n, 0x80000000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 1n, 0x00800000n, 0x7f7fffffn, 0x3f800000n];
    const pick = (): bigint => {
      const r = rng.nextUint32() % 10;
      if (r === 0) return specials[rng.nextUint32() % specials.length]!;
      if (r < 4) return BigInt(rng.nextUint32()); // any bit pattern
      // moderate magnitudes so products and c interact
      return BigInt((rng.nextUint32() & 0x80ffffff) | ((112 + (rng.nextUint32() % 32)) << 23)) & 0xffffffffn;
    };
    for (let t = 0; t < 4000; t++) {
      const a = pick();
      const b = pick();
      let c = pick();
      if (t % 3 === 0) {
        // c ≈ −a·b: cancellation leaves only the low product bits (an FMA's home ground)
        const p = Math.fround(numOf(a) * numOf(b));
        if (Number.isFinite(p)) c = bitsOf(-p) ^ BigInt(rng.nextUint32() % 4);
      }
      check(FP32, a, b, c, MODES[t % MODES.length]!);
    }
  });

  it("fp16, bf16 and fp8-e5m2, all rounding modes: random bit patterns", () => {
    const rng = createPrng(99);
    for (const id of ["fp16", "bf16", "fp8-e5m2"]) {
      const fmt = F(id);
      const mask = (1 << fmt.bits) - 1;
      for (let t = 0; t < 3000; t++) {
        const a = BigInt(rng.nextUint32() & mask);
        const b = BigInt(rng.nextUint32() & mask);
        const c = BigInt(rng.nextUint32() & mask);
        check(fmt, a, b, c, MODES[t % MODES.length]!);
      }
    }
  });

  it("signed zeros follow IEEE 754 §6.3", () => {
    const FP32 = F("fp32");
    const P0 = 0n;
    const N0 = 0x80000000n;
    const one = 0x3f800000n;
    const mone = 0xbf800000n;
    expect(fma(FP32, P0, one, N0).code).toBe(P0); // +0 + −0 = +0
    expect(fma(FP32, P0, one, N0, { rounding: "rdn" }).code).toBe(N0); // … but −0 rounding down
    expect(fma(FP32, N0, one, N0).code).toBe(N0); // −0 + −0 = −0
    expect(fma(FP32, one, one, mone).code).toBe(P0); // 1·1 − 1 = +0
    expect(fma(FP32, one, one, mone, { rounding: "rdn" }).code).toBe(N0);
  });
});

describe("fma is not fround(a*b + c)", () => {
  const FP32 = F("fp32");
  const fmaNum = (a: number, b: number, c: number) => numOf(fma(FP32, bitsOf(a), bitsOf(b), bitsOf(c)).code);
  const oracleNum = (a: number, b: number, c: number) => {
    const o = oracleFma({ E: 8, M: 23 }, bitsOf(a), bitsOf(b), bitsOf(c), "rne");
    if (o.code === "nan") return NaN;
    return numOf(o.code);
  };

  it("a double-rounding case: (1 + 2^-12)^2 + 2^-70", () => {
    // a·b = 1 + 2^-11 + 2^-24 is exactly a binary32 midpoint; c = 2^-70 puts the exact sum just above it,
    // so the correct result rounds up to 1 + 2^-11 + 2^-23. In binary64, a*b + c loses c (below 2^-52):
    // the double is the midpoint itself, and fround breaks the tie to even: 1 + 2^-11.
    const a = 1 + 2 ** -12;
    const c = 2 ** -70;
    expect(oracleNum(a, a, c)).toBe(1 + 2 ** -11 + 2 ** -23);
    expect(fmaNum(a, a, c)).toBe(1 + 2 ** -11 + 2 ** -23);
    expect(Math.fround(a * a + c)).toBe(1 + 2 ** -11); // wrong: this test would catch an fround-based fma
  });

  it("seeded family of midpoint products with tiny c: fma always matches the oracle, fround often does not", () => {
    // a = (2^12 + 2j + 1)/2^12 and b likewise have odd 13-bit significands, so a·b has 25 significant bits and
    // is a binary32 midpoint; c = ±2^-60 decides the direction, which binary64 cannot see.
    const rng = createPrng(5);
    let froundWrong = 0;
    for (let t = 0; t < 200; t++) {
      const a = (4096 + 2 * (rng.nextUint32() % 700) + 1) / 4096;
      const b = (4096 + 2 * (rng.nextUint32() % 700) + 1) / 4096;
      const c = (rng.nextUint32() & 1 ? 1 : -1) * 2 ** -60;
      const want = oracleNum(a, b, c);
      expect(fmaNum(a, b, c)).toBe(want);
      if (Math.fround(a * b + c) !== want) froundWrong++;
    }
    expect(froundWrong).toBeGreaterThan(50);
  });
});
