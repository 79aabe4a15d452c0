import type { ScalarFormat } from "../formats/format.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { decode } from "../codec.js";
import { toFloat64 } from "../float64.js";
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
}

/**
 * Prepare a float64 stepper for `spec`, or say why there is none (callers fall back to ops/dot.ts).
 * Exactness arguments:
 * - integer registers ≤ 50 bits: acc + p is an integer below 2^52 in magnitude, exact in binary64;
 *   wrap is a modulo on that exact integer, saturate a clamp;
 * - float registers of p ≤ 25 significant bits with RNE: both operands are values of the format, and
 *   RNE(RNE64(a + b)) = RNE(a + b) because 53 ≥ 2p + 2 (Figueroa 1995), so one float64 add and one
 *   rounding give the correctly rounded sum; directed modes are refused (the float64 add can cross them).
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
  if (spec.fused && !products.exactInFormat(f)) return no(`fused adds of products that are not ${f.id} values`);
  if (f.id === "fp32" || (f.expBits === 8 && f.manBits === 23)) {
    const view = new DataView(new ArrayBuffer(4));
    return {
      ok: true,
      acc: {
        zero: 0,
        add: (acc, p) => Math.fround(acc + Math.fround(p)),
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
  const values = new Float64Array(1 << f.bits);
  for (let c = 0; c < values.length; c++) values[c] = toFloat64(decode(f, BigInt(c)));
  const round = (x: number) => values[encode(x)]!;
  return {
    ok: true,
    acc: {
      zero: 0,
      add: (acc, p) => round(acc + round(p)),
      combine: (acc, p) => round(acc + p),
      code: (acc) => BigInt(encode(acc)),
      outputFormat: f,
    },
  };
}
