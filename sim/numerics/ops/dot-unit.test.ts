/**
 * The `dot-unit` reference (accumulateDotUnit in dot.ts) against an oracle written here from the definition in
 * DotUnitAccumulatorSpec's doc comment, in BigInt fixed point, sharing no code with ops/ or codec: per block of
 * `blockSize` exact products, emax = max floor(log2|p|); each product is truncated toward zero to a multiple of
 * 2^(emax − alignBits + 1); the truncated products are summed exactly, added exactly to the register, and the
 * total rounded ONCE into the output format (IEEE binary, written out here: bias, subnormals, overflow).
 */
import { describe, expect, it } from "vitest";
import { lookupScalar } from "../formats/registry.js";
import type { FloatFormat } from "../formats/format.js";
import type { AccumulatorSpec } from "./accumulator.js";
import { dot } from "./dot.js";
import { createPrng } from "../../prng.js";

/** Every value is N / 2^K with N a BigInt (fp32 subnormals reach 2^-149; fp8 products 2^-18). */
const K = 200n;

const fmt = (id: string): FloatFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format as FloatFormat;
};

/** OCP MX e2m1 (bias 1, no Inf/NaN) and e4m3 (bias 7, NaN only at S.1111.111) decoded by hand, as N / 2^K. */
function decodeMini(e: number, m: number, bias: number, code: number): bigint {
  const sign = (code >> (e + m)) & 1;
  const ex = (code >> m) & ((1 << e) - 1);
  const man = code & ((1 << m) - 1);
  const sig = BigInt(ex === 0 ? man : man + (1 << m));
  const scale = BigInt((ex === 0 ? 1 : ex) - bias - m) + K;
  const mag = sig << scale;
  return sign ? -mag : mag;
}

/** A two's-complement int8 code, as N / 2^K (MXINT8 elements before their block's shared scale). */
function decodeInt8(code: number): bigint {
  return BigInt(code >= 128 ? code - 256 : code) << K;
}

/** An IEEE binary code (E exponent bits, M fraction bits) of a finite value, as N / 2^K. */
function decodeIeee(E: number, M: number, code: bigint): bigint {
  const bias = (1 << (E - 1)) - 1;
  const sign = (code >> BigInt(E + M)) & 1n;
  const ex = Number((code >> BigInt(M)) & ((1n << BigInt(E)) - 1n));
  const man = code & ((1n << BigInt(M)) - 1n);
  const sig = ex === 0 ? man : man + (1n << BigInt(M));
  const mag = sig << (BigInt((ex === 0 ? 1 : ex) - bias - M) + K);
  return sign ? -mag : mag;
}

const bitLen = (n: bigint): number => n.toString(2).length;

type Mode = "rne" | "rtz";
interface Rounded {
  code: bigint;
  tie: boolean;
  inexact: boolean;
}

/** x = N / 2^K rounded once into IEEE binary (E, M); x = 0 gives +0 (its sign is checked apart). */
function roundIeee(E: number, M: number, x: bigint, mode: Mode): Rounded {
  const bias = (1 << (E - 1)) - 1;
  const emin = 1 - bias;
  const sign = x < 0n ? 1n : 0n;
  const mag = x < 0n ? -x : x;
  const signBit = sign << BigInt(E + M);
  if (mag === 0n) return { code: 0n, tie: false, inexact: false };
  let e = Math.max(bitLen(mag) - 1 - Number(K), emin);
  const shift = BigInt(e - M) + K; // the quantum 2^(e−M), as a shift of N
  let r = mag >> shift;
  const rem = mag - (r << shift);
  const half = 1n << (shift - 1n);
  const tie = rem === half;
  if (mode === "rne" && (rem > half || (tie && (r & 1n) === 1n))) r += 1n;
  if (r === 1n << BigInt(M + 1)) {
    r >>= 1n;
    e += 1;
  }
  const maxBiased = (1 << E) - 1;
  if (r < 1n << BigInt(M)) return { code: signBit | r, tie, inexact: rem !== 0n }; // subnormal (e = emin)
  if (e + bias >= maxBiased) {
    const magCode = mode === "rne" ? BigInt(maxBiased) << BigInt(M) : (BigInt(maxBiased) << BigInt(M)) - 1n;
    return { code: signBit | magCode, tie, inexact: true };
  }
  return { code: signBit | (BigInt(e + bias) << BigInt(M)) | (r - (1n << BigInt(M))), tie, inexact: rem !== 0n };
}

interface Stats {
  ties: number;
  truncations: number;
}

/** The definition, block by block; the register after each block is its rounded code. */
function oracleDotUnit(
  a: readonly number[],
  b: readonly number[],
  c: bigint,
  decodeIn: (code: number) => bigint,
  out: { E: number; M: number },
  blockSize: number,
  alignBits: number,
  mode: Mode,
  stats: Stats,
): bigint {
  let reg = c;
  const infMag = ((1n << BigInt(out.E)) - 1n) << BigInt(out.M);
  for (let lo = 0; lo < a.length; lo += blockSize) {
    if ((reg & ((1n << BigInt(out.E + out.M)) - 1n)) === infMag) break; // ±∞ (an RNE overflow) absorbs finite sums
    const ps: bigint[] = [];
    for (let i = lo; i < Math.min(lo + blockSize, a.length); i++) {
      ps.push((decodeIn(a[i]!) * decodeIn(b[i]!)) >> K);
    }
    const nz = ps.filter((p) => p !== 0n);
    let sum = 0n;
    if (nz.length > 0) {
      const emax = Math.max(...nz.map((p) => bitLen(p < 0n ? -p : p) - 1)); // in N units: floor(log2|p|) + K
      const qShift = BigInt(emax - alignBits + 1);
      for (const p of nz) {
        const mag = p < 0n ? -p : p;
        const t = qShift > 0n ? (mag >> qShift) << qShift : mag; // toward zero
        if (t !== mag) stats.truncations++;
        sum += p < 0n ? -t : t;
      }
    }
    const r = roundIeee(out.E, out.M, decodeIeee(out.E, out.M, reg) + sum, mode);
    if (r.tie) stats.ties++;
    reg = r.code;
  }
  return reg;
}

const isZeroCode = (code: bigint, E: number, M: number) => (code & ((1n << BigInt(E + M)) - 1n)) === 0n;

describe("dot-unit reference (ops/dot.ts) equals a BigInt oracle of its definition", () => {
  const cases = [
    { inId: "fp4-e2m1", inE: 2, inM: 1, inBias: 1, outId: "fp16", E: 5, M: 10, blockSize: 16, alignBits: 4 },
    { inId: "fp4-e2m1", inE: 2, inM: 1, inBias: 1, outId: "fp32", E: 8, M: 23, blockSize: 8, alignBits: 5 },
    { inId: "fp8-e4m3", inE: 4, inM: 3, inBias: 7, outId: "fp16", E: 5, M: 10, blockSize: 16, alignBits: 6 },
    { inId: "fp8-e4m3", inE: 4, inM: 3, inBias: 7, outId: "fp32", E: 8, M: 23, blockSize: 32, alignBits: 13 },
    { inId: "fp8-e4m3", inE: 4, inM: 3, inBias: 7, outId: "bf16", E: 8, M: 7, blockSize: 4, alignBits: 27 },
    // Integer elements (MXINT8 on a dot PE): a 16-bit window holds every int8 product (dotAlignBits); an 8-bit one truncates.
    { inId: "int8", inE: 0, inM: 7, inBias: 0, outId: "fp32", E: 8, M: 23, blockSize: 16, alignBits: 16 },
    { inId: "int8", inE: 0, inM: 7, inBias: 0, outId: "fp16", E: 5, M: 10, blockSize: 8, alignBits: 8 },
  ] as const;
  for (const k of cases) {
    for (const mode of ["rne", "rtz"] as const) {
      it(`${k.inId} → ${k.outId}, dot${k.blockSize}, ${k.alignBits}-bit window, ${mode}: 300 seeded cases`, () => {
        const inF = fmt(k.inId);
        const outF = fmt(k.outId);
        expect([outF.bits, inF.bits]).toEqual([1 + k.E + k.M, 1 + k.inE + k.inM]);
        const spec: AccumulatorSpec = { kind: "dot-unit", id: "t", blockSize: k.blockSize, alignBits: k.alignBits, outputFormat: outF, outputRounding: mode };
        const rng = createPrng(k.blockSize * 1000 + k.alignBits * 10 + (mode === "rne" ? 1 : 2));
        const inBits = 1 + k.inE + k.inM;
        const nanCode = k.inE === 4 ? 0x7f : -1; // e4m3: S.1111.111 is NaN
        const decodeIn = k.inE === 0 ? decodeInt8 : (code: number) => decodeMini(k.inE, k.inM, k.inBias, code);
        const randIn = () => {
          for (;;) {
            const v = Math.floor(rng.nextFloat64() * (1 << inBits));
            if ((v & 0x7f) !== nanCode) return v;
          }
        };
        const stats: Stats = { ties: 0, truncations: 0 };
        let zeros = 0;
        for (let t = 0; t < 300; t++) {
          const n = 1 + Math.floor(rng.nextFloat64() * (3 * k.blockSize));
          const a = Array.from({ length: n }, randIn);
          const b = Array.from({ length: n }, randIn);
          // Registers near the products' scale (so ties and cancellations occur), or 0.
          const cVal = t % 5 === 0 ? 0n : roundIeee(k.E, k.M, (BigInt(Math.floor((rng.nextFloat64() - 0.5) * 4096)) << K) >> 8n, "rne").code;
          const want = oracleDotUnit(a, b, cVal, decodeIn, k, k.blockSize, k.alignBits, mode, stats);
          const got = dot(a.map(BigInt), b.map(BigInt), { format: outF, code: cVal }, spec, { a: inF, b: inF });
          if (!got.ok) throw new Error(got.reason);
          if (isZeroCode(want, k.E, k.M)) {
            zeros++;
            expect(isZeroCode(got.code!, k.E, k.M), `t=${t}`).toBe(true);
          } else expect(got.code, `t=${t} a=${a} b=${b} c=${cVal}`).toBe(want);
        }
        expect(stats.truncations, "cases that truncate").toBeGreaterThan(k.alignBits >= 27 || (k.inE === 0 && k.alignBits >= 16) ? -1 : 0);
        expect(zeros).toBeLessThan(300);
        if (k.M <= 10) expect(stats.ties, "ties to break").toBeGreaterThan(0);
      });
    }
  }

  it("by hand: fp16 1 + 2^-11 is a tie (RNE → 1), a 4-bit window drops 2^-12 beside 1.5·2^-9 (RTZ)", () => {
    const f16 = fmt("fp16");
    const e4 = fmt("fp8-e4m3");
    const one = 0x3c00n;
    // e4m3 2^-5 = 0x10, 2^-6 = 0x08: product 2^-11; then 1 + 2^-11 ties between 1 and 1 + 2^-10.
    const tie = dot([0x10n], [0x08n], { format: f16, code: one }, { kind: "dot-unit", id: "t", blockSize: 4, alignBits: 8, outputFormat: f16, outputRounding: "rne" }, { a: e4, b: e4 });
    expect(tie.ok && tie.code).toBe(one);
    // 1.5·2^-3 · 2^-6 = 1.5·2^-9 (emax −9) and 2^-6 · 2^-6 = 2^-12: a 4-bit window keeps multiples of 2^-12 → both kept;
    // a 3-bit window keeps multiples of 2^-11 → 2^-12 dropped. Register 0, fp16 output is exact for both.
    const a = [0x24n, 0x08n]; // 1.5·2^-3, 2^-6
    const b = [0x08n, 0x08n];
    const run = (w: number) => {
      const r = dot(a, b, { format: f16, code: 0n }, { kind: "dot-unit", id: "t", blockSize: 4, alignBits: w, outputFormat: f16, outputRounding: "rtz" }, { a: e4, b: e4 });
      if (!r.ok) throw new Error(r.reason);
      return r.code;
    };
    const enc = (x: bigint) => roundIeee(5, 10, x, "rtz").code;
    expect(run(4)).toBe(enc((3n << (K - 10n)) + (1n << (K - 12n))));
    expect(run(3)).toBe(enc(3n << (K - 10n)));
  });
});
