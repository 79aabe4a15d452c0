/**
 * Packed low-precision MACs on one DSP multiplier, bit-exact, with the exact accumulation bound.
 *
 * INT8×2 (Xilinx WP486, "Deep Learning with INT8 Optimization on Xilinx Devices"): the pre-adder forms
 * a·2^18 + b on the 27-bit AD path, the multiplier takes c on B, and P = (a·2^18 + b)·c = ac·2^18 + bc.
 * Extraction (WP486): bc = SignExtend(P[17:0]), ac = (P >> 18) + P[17].
 *
 * INT4×4 (Xilinx WP521, "Convolutional Neural Network with INT4 Optimization on Xilinx Devices": four INT4 MACs
 * per DSP48E2 through the pre-adder): our layout puts two weights on AD = w0 + w1·2^22 and two activations on
 * B = x0 + x1·2^11, so P = w0x0 + w0x1·2^11 + w1x0·2^22 + w1x1·2^33 — four fields of 11, 11, 11 and 15 bits.
 * (The 11-bit field spacing is our choice inside the 27×18 ports; WP521's own figure is the 4-MAC count.)
 *
 * A sum of products stays exact in a packed field while every lower field's running sum fits that field's
 * signed range; then each field is recovered by the generic borrow correction (field = SignExtend(low bits);
 * subtract it; shift). `maxAccumulations` works the bound out from the operand ranges; `packedAccumulate`
 * refuses (never wraps silently) past it.
 */
import { wrapSigned } from "./dsp48e2.js";
import { tensorAccumulateFast } from "./agilex5-tensor.js";

/** A two's-complement operand range. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

export const INT8: IntRange = { min: -128, max: 127 };
export const INT4: IntRange = { min: -8, max: 7 };

/** Range of a product of two ranges (corners of the box). */
export function productRange(a: IntRange, b: IntRange): IntRange {
  const c = [a.min * b.min, a.min * b.max, a.max * b.min, a.max * b.max];
  return { min: Math.min(...c), max: Math.max(...c) };
}

/**
 * Largest K such that any sum of K products in `prod` fits a signed field of `bits`: K·max ≤ 2^(bits−1) − 1 and
 * K·min ≥ −2^(bits−1).
 */
export function maxAccumulations(prod: IntRange, bits: number): number {
  const hi = 2 ** (bits - 1) - 1;
  const lo = -(2 ** (bits - 1));
  const kHi = prod.max > 0 ? Math.floor(hi / prod.max) : Infinity;
  const kLo = prod.min < 0 ? Math.floor(lo / prod.min) : Infinity;
  return Math.min(kHi, kLo);
}

/** A packing: field widths from bit 0 up (the top field takes the rest of the 48-bit P). */
export interface PackingSpec {
  readonly id: "int8x2" | "int4x4";
  /** Widths of the fields below the top one (each must not overflow); the top field is what remains of P. */
  readonly lowFieldBits: readonly number[];
  readonly operand: IntRange;
  /** MACs per DSP per cycle. */
  readonly macs: number;
  readonly source: string;
}

export const INT8X2: PackingSpec = {
  id: "int8x2",
  lowFieldBits: [18],
  operand: INT8,
  macs: 2,
  source: "Xilinx WP486 (2017): two INT8 MACs sharing c per DSP48E2, (a·2^18 + b)·c; bc = SignExtend(P[17:0]), ac = (P >> 18) + P[17]",
};

export const INT4X4: PackingSpec = {
  id: "int4x4",
  lowFieldBits: [11, 11, 11],
  operand: INT4,
  macs: 4,
  source: "Xilinx WP521 (2020): four INT4 MACs per DSP48E2 via the pre-adder; 11-bit field spacing is hwsim's layout (AD = w0 + w1·2^22, B = x0 + x1·2^11)",
};

/** Exact bound of a packing: the fewest accumulations any low field allows (worst-case operands). */
export function packingBound(spec: PackingSpec): number {
  const prod = productRange(spec.operand, spec.operand);
  return Math.min(...spec.lowFieldBits.map((b) => maxAccumulations(prod, b)));
}

/** Split a 48-bit two's-complement P into signed fields (borrow-corrected), the top one taking the rest. */
export function extractFields(p: number, lowFieldBits: readonly number[]): number[] {
  const out: number[] = [];
  let r = wrapSigned(p, 48);
  let used = 0;
  for (const w of lowFieldBits) {
    const f = wrapSigned(r, w);
    out.push(f);
    r = (r - f) / 2 ** w; // exact: r − f is a multiple of 2^w
    used += w;
  }
  out.push(wrapSigned(r, 48 - used));
  return out;
}

/** WP486's extraction formula, as printed: bc = SignExtend(P[17:0]), ac = (P >> 18) + P[17] (arithmetic shift). */
export function wp486Extract(p: number): { ac: number; bc: number } {
  const ps = wrapSigned(p, 48);
  const low = ((ps % 2 ** 18) + 2 ** 18) % 2 ** 18;
  const bc = low >= 2 ** 17 ? low - 2 ** 18 : low;
  const p17 = low >= 2 ** 17 ? 1 : 0;
  return { ac: wrapSigned(Math.floor(ps / 2 ** 18) + p17, 30), bc };
}

/** INT8×2 operands on the DSP48E2 ports: A = a·2^18 (A[26:0]), D = b, B = c (WP486). */
export function int8x2Ports(a: number, b: number, c: number): { a: number; d: number; b: number } {
  return { a: a * 2 ** 18, d: b, b: c };
}

/** INT4×4 operands: A = w1·2^22, D = w0 (AD = w0 + w1·2^22), B = x0 + x1·2^11. */
export function int4x4Ports(w0: number, w1: number, x0: number, x1: number): { a: number; d: number; b: number } {
  return { a: w1 * 2 ** 22, d: w0, b: x0 + x1 * 2 ** 11 };
}

/** One packed product as the DSP computes it: P = (D + A[26:0])·B in 48 bits. */
export function packedProduct(ports: { a: number; d: number; b: number }): number {
  return wrapSigned((wrapSigned(ports.d, 27) + wrapSigned(ports.a, 27)) * wrapSigned(ports.b, 18), 48);
}

/**
 * Accumulate packed products in one P (a MACC or a PCIN chain), refusing when the count passes the exact bound:
 * a result that could be wrong is never produced.
 */
export function packedAccumulate(spec: PackingSpec, ports: readonly { a: number; d: number; b: number }[]): { ok: true; fields: number[]; p: number } | { ok: false; reason: string } {
  const bound = packingBound(spec);
  if (ports.length > bound) {
    return { ok: false, reason: `${spec.id}: ${ports.length} accumulations exceed the exact bound of ${bound} (a low field could overflow): split the chain` };
  }
  let p = 0;
  for (const x of ports) p = wrapSigned(p + packedProduct(x), 48);
  return { ok: true, fields: extractFields(p, spec.lowFieldBits), p };
}

/**
 * Split a dot product of length K into packed segments of at most the bound (the last may be shorter); the
 * segment sums are extracted and added in fabric. Returns the segment lengths.
 */
export function packedSegments(k: number, bound: number): number[] {
  const out: number[] = [];
  for (let left = k; left > 0; left -= bound) out.push(Math.min(bound, left));
  return out;
}

/**
 * Versal DSP58 INT8 dot-3 (AM004, DSP58 vector fixed-point mode): A holds three 9-bit two's-complement values
 * (A[26:18], A[17:9], A[8:0]) and B three 8-bit values (B[23:16], B[15:8], B[7:0]); the dot unit's sum is added
 * to the 58-bit ALU: P = wrap58(Z + Σ a_i·b_i). Returns the new P.
 */
export function dsp58Dot3(a: readonly [number, number, number], b: readonly [number, number, number], z: number): number {
  let s = 0;
  for (let i = 0; i < 3; i++) s += wrapSigned(a[i]!, 9) * wrapSigned(b[i]!, 8);
  return wrapSigned(z + s, 58);
}

/** The DSP58 A and B port words for three lanes (lane 0 in the low bits). */
export function dsp58Dot3Ports(a: readonly number[], b: readonly number[]): { a: number; b: number } {
  let A = 0;
  let B = 0;
  for (let i = 2; i >= 0; i--) {
    A = A * 512 + (((a[i]! % 512) + 512) % 512);
    B = B * 256 + (((b[i]! % 256) + 256) % 256);
  }
  return { a: A, b: B };
}

/** Decode the DSP58 port words back into lanes (what the hardware multiplies). */
export function dsp58Dot3FromPorts(A: number, B: number): { a: [number, number, number]; b: [number, number, number] } {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 3; i++) {
    a.push(wrapSigned(Math.floor(A / 512 ** i) % 512, 9));
    b.push(wrapSigned(Math.floor(B / 256 ** i) % 256, 8));
  }
  return { a: a as [number, number, number], b: b as [number, number, number] };
}

/**
 * Agilex 5 AI tensor block, tensor fixed-point mode, one cycle with acc_en (Intel 813968 §3.3.4 Table 25): two
 * columns, each a signed 20-bit dot product of 10 int8×int8 products (shared data_in, per-column preloaded
 * weights), added by the CPA to the column's 32-bit accumulator, wrapping. The engine module and its fast path are
 * in agilex5-tensor.ts; this is its one-cycle form. Returns the two new 32-bit accumulators.
 */
export function tensorBlockStep(data: readonly number[], weights: readonly [readonly number[], readonly number[]], acc: readonly [number, number]): [number, number] {
  if (data.length !== 10 || weights[0].length !== 10 || weights[1].length !== 10) throw new RangeError("tensor block: 10 data and 10 weights per column");
  return tensorAccumulateFast(weights, [data], acc);
}
