import type { Raw, Sign } from "./raw.js";
import { bitLength } from "./raw.js";
import type { EncodeOptions } from "./round-pack.js";
import { roundPack } from "./round-pack.js";
import type { FloatFormat } from "./formats/format.js";
import { floatFormat } from "./formats/format.js";

/** IEEE 754 binary64, the JS number. */
export const FP64: FloatFormat = floatFormat({ id: "fp64", expBits: 11, manBits: 52, bias: 1023, signed: true, specials: "ieee" });

/** IEEE 754 binary32 (used where hwsim stores scales and fp32 partial sums). */
export const FP32: FloatFormat = floatFormat({ id: "fp32", expBits: 8, manBits: 23, bias: 127, signed: true, specials: "ieee" });

/** The 64-bit code of a JS number (exact reinterpretation). */
export function float64ToCode(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

/** The JS number with the given 64-bit code. */
export function codeToFloat64(code: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt.asUintN(64, code));
  return view.getFloat64(0);
}

/** Exact raw value of a JS number (no rounding: every float64 is dyadic). */
export function fromFloat64(x: number): Raw {
  if (Number.isNaN(x)) return { cls: "nan", sign: 0 };
  const sign: Sign = x < 0 || Object.is(x, -0) ? 1 : 0;
  if (x === 0) return { cls: "zero", sign };
  if (!Number.isFinite(x)) return { cls: "inf", sign };
  const code = float64ToCode(x);
  const biased = Number((code >> 52n) & 0x7ffn);
  const frac = code & 0xfffffffffffffn;
  if (biased === 0) return { cls: "finite", sign, sig: frac, exp: -1074 };
  return { cls: "finite", sign, sig: frac | (1n << 52n), exp: biased - 1075 };
}

/** Round an exact value to the nearest JS number (RNE unless told otherwise). */
export function toFloat64(x: Raw, opts: EncodeOptions = {}): number {
  if (x.cls === "finite" && bitLength(x.sig) <= 53 && x.exp >= -1074 && x.exp + bitLength(x.sig) <= 1024) {
    return (x.sign ? -1 : 1) * Number(x.sig) * 2 ** x.exp; // exact: sig fits 53 bits, both factors exact
  }
  return codeToFloat64(roundPack(x, FP64, opts).code);
}
