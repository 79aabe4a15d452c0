import type { FloatFormat, ScalarFormat } from "../formats/format.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { codeValueTable } from "./decode-float64.js";
import { float64Encoder } from "./encode-float64.js";

/**
 * An accumulator register stepped on float64 products: the fast path that array models use for every
 * output element. The register is held as the float64 value of its code. Tests prove each step equal
 * to the reference `accumulateProducts` (ops/dot.ts) on random product streams.
 */
export interface Float64Accumulator {
  /** The register after reset (+0). */
  readonly zero: number;
  /** One MAC step: register ⊕ product (product exact in float64, rounded as the spec says). */
  add(acc: number, product: number): number;
  /** Output-buffer add of two register values (partial sums of K-folds), same adder. */
  combine(acc: number, partial: number): number;
  /** The register's code in the output format. */
  code(acc: number): bigint;
  readonly outputFormat: ScalarFormat;
}

export type Float64AccumulatorOutcome = { ok: true; acc: Float64Accumulator } | { ok: false; reason: string };

/** What the caller knows about the products it will feed. */
export interface ProductInfo {
  /** Every product is an integer (int × int, no fractional scales). */
  readonly integer: boolean;
  /** Every product is exactly representable in the accumulator format (so fused = unfused). */
  readonly exactInFormat: (fmt: ScalarFormat) => boolean;
  /** Largest |product|. */
  readonly maxAbs: number;
  /** Every product is exact in float64 (the float64 multiply did not round): lets fused registers step exactly. */
  readonly exactInFloat64?: () => boolean;
}

/**
 * Prepare a float64 stepper for `spec`, or say why there is none (callers fall back to ops/dot.ts).
 * Exactness arguments:
 * - integer registers ≤ 50 bits: acc + p is an integer below 2^52 in magnitude, exact in binary64;
 *   wrap is a modulo on that exact integer, saturate a clamp;
 * - float registers of p ≤ 25 significant bits with RNE: both operands are values of the format, and
 *   RNE(RNE64(a + b)) = RNE(a + b) because 53 ≥ 2p + 2 (Figueroa 1995), so one float64 add and one
 *   rounding give the correctly rounded sum; directed modes are refused (the float64 add can cross them);
 * - fused registers whose products are not values of the format but are exact in float64 (an fp16 × fp16
 *   product into an fp16 FMA): see `fusedStep`.
 */
export function prepareFloat64Accumulator(spec: AccumulatorSpec, products: ProductInfo): Float64AccumulatorOutcome {
  const no = (reason: string): Float64AccumulatorOutcome => ({ ok: false, reason: `no float64 fast path for ${spec.id}: ${reason}` });
  if (spec.kind === "int") {
    if (!products.integer) return no("products are not integers");
    if (spec.widthBits > 50) return no("registers wider than 50 bits");
    if (products.maxAbs >= 2 ** 50) return no("products beyond 2^50");
    const w = spec.widthBits;
    const lo = spec.signed ? -(2 ** (w - 1)) : 0;
    const hi = spec.signed ? 2 ** (w - 1) - 1 : 2 ** w - 1;
    const mod = 2 ** w;
    const fmt: ScalarFormat = { kind: "int", id: `${spec.signed ? "" : "u"}int${w}`, bits: w, signed: spec.signed, symmetric: false };
    const settle =
      spec.overflow === "saturate"
        ? (v: number) => (v > hi ? hi : v < lo ? lo : v)
        : (v: number) => (v > hi || v < lo ? ((((v - lo) % mod) + mod) % mod) + lo : v);
    return {
      ok: true,
      acc: {
        zero: 0,
        add: (acc, p) => settle(acc + p),
        combine: (acc, p) => settle(acc + p),
        code: (acc) => BigInt.asUintN(w, BigInt(acc)),
        outputFormat: fmt,
      },
    };
  }
  if (spec.kind !== "float") return no(`${spec.kind} accumulators are not stepped on float64`);
  const f = spec.format;
  if (spec.rounding !== "rne") return no(`rounding ${spec.rounding}: only RNE survives the float64 add`);
  if (f.manBits + 1 > 25 || f.expBits > 8) return no(`${f.id} is too wide for one float64 add to round correctly`);
  // A fused add of a product that is not a register value needs the exact sum's rounding, not RNE(RNE(p)).
  const fusedExact = spec.fused && !products.exactInFormat(f);
  if (fusedExact && !(f.specials === "ieee" && products.exactInFloat64?.())) return no(`fused adds of products that are not ${f.id} values`);
  if (f.id === "fp32" || (f.expBits === 8 && f.manBits === 23)) {
    const view = new DataView(new ArrayBuffer(4));
    return {
      ok: true,
      acc: {
        zero: 0,
        add: fusedExact ? fusedStep(Math.fround, f) : (acc, p) => Math.fround(acc + Math.fround(p)),
        combine: (acc, p) => Math.fround(acc + p),
        code: (acc) => {
          view.setFloat32(0, acc);
          return BigInt(view.getUint32(0));
        },
        outputFormat: f,
      },
    };
  }
  if (f.bits > 16) return no(`${f.id}: only binary32 or ≤16-bit float registers`);
  const enc = float64Encoder(f, { rounding: "rne" });
  if (!enc.ok) return no(enc.reason);
  const encode = enc.encode;
  // IEEE formats round arithmetically; others (fn, fnuz, finite: their own overflow rules) through a code table.
  let round: (x: number) => number;
  if (f.specials === "ieee") round = ieeeRne(f);
  else {
    const values = codeValueTable(f);
    round = (x) => values[encode(x)]!;
  }
  return {
    ok: true,
    acc: {
      zero: 0,
      add: fusedExact ? fusedStep(round, f) : (acc, p) => round(acc + round(p)),
      combine: (acc, p) => round(acc + p),
      code: (acc) => BigInt(encode(acc)),
      outputFormat: f,
    },
  };
}

/**
 * One fused step RNE_f(acc + p) for a register value `acc` and a product `p` exact in float64, for an IEEE-style
 * format f of ≤ 25 significant bits (its rounding midpoints are float64 values), given `round` = RNE to f of a
 * float64. s = RNE64(acc + p) lies on the same side as the exact sum of every f midpoint other than s itself
 * (rounding is monotonic and midpoints are float64 values), so RNE_f(s) is right unless s is exactly a midpoint
 * (of two neighbours, or the overflow threshold max + ulp/2) and the add rounded; there TwoSum's error says on
 * which side the exact sum lies.
 */
function fusedStep(round: (x: number) => number, f: FloatFormat): (acc: number, p: number) => number {
  const emax = (1 << f.expBits) - 2 - f.bias;
  const maxFinite = (2 - 2 ** -f.manBits) * 2 ** emax;
  const overflowMid = (2 - 2 ** -(f.manBits + 1)) * 2 ** emax;
  return (acc, p) => {
    const s = acc + p;
    const r = round(s);
    if (r === s || s !== s) return r;
    // Knuth's TwoSum: the float64 add's error, exactly.
    const bb = s - acc;
    const err = acc - (s - bb) + (p - bb);
    if (err === 0) return r;
    if (r === Infinity || r === -Infinity) return Math.abs(s) === overflowMid && err < 0 === s > 0 ? Math.sign(s) * maxFinite : r;
    // s is a midpoint iff its mirror image about r is the neighbouring register value (2s − r is then exact).
    const other = 2 * s - r;
    if (other === r || round(other) !== other) return r;
    return err > 0 === other > r ? other : r;
  };
}

/**
 * RNE of a float64 to an IEEE-style format of ≤ 25 significant bits, as a float64 value: ±∞ from max + ulp/2 up
 * (the largest finite value has an odd significand, so that tie goes up), subnormals in steps of 2^(emin − m), the
 * sign of a zero kept. Adding and subtracting 1.5·2^(52 + q) rounds |x| < 2^(51 + q) to a multiple of 2^q, ties
 * to even, in the float64 add itself; q comes from x's float64 exponent field (little-endian hosts, as WebAssembly).
 */
export function ieeeRne(f: FloatFormat): (x: number) => number {
  const m = f.manBits;
  const emin = 1 - f.bias;
  const emax = (1 << f.expBits) - 2 - f.bias;
  const overflowMid = (2 - 2 ** -(m + 1)) * 2 ** emax;
  const minNormal = 2 ** emin;
  const subMagic = 1.5 * 2 ** (52 + emin - m);
  const magic = new Float64Array(2048);
  for (let e = emin; e <= emax; e++) magic[e + 1023] = 1.5 * 2 ** (52 + e - m);
  const buf = new Float64Array(1);
  const words = new Uint32Array(buf.buffer);
  return (x) => {
    const a = Math.abs(x);
    if (!(a < overflowMid)) return a === a ? (x > 0 ? Infinity : -Infinity) : x;
    if (a < minNormal) return x + subMagic - subMagic || x * 0;
    buf[0] = a;
    const c = magic[words[1]! >>> 20]!;
    return x + c - c;
  };
}
