import type { ScalarFormat } from "../formats/format.js";
import { conventionOf } from "../formats/conventions/index.js";

/**
 * Code → JS number for formats of at most 32 bits, with integer arithmetic only (no bigint): the fast
 * twin of `decode` for quantizing and dequantizing whole tensors. Special codes are classified by the
 * format's convention object, the same one `decode` uses; tests compare every code of every ≤16-bit
 * format and random 32-bit codes against `decode`.
 */
export function float64Decoder(fmt: ScalarFormat): ((code: number) => number) | undefined {
  if (fmt.bits > 32) return undefined;
  if (fmt.kind === "int") {
    const half = 2 ** (fmt.bits - 1);
    const mod = 2 ** fmt.bits;
    return fmt.signed ? (c) => (c >= half ? c - mod : c) : (c) => c;
  }
  const conv = conventionOf(fmt.specials);
  const M = fmt.manBits;
  const fracMod = 2 ** M;
  const expMod = 2 ** fmt.expBits;
  const signPlace = 2 ** (fmt.expBits + M);
  return (code) => {
    const fraction = code % fracMod;
    const biasedExp = Math.floor(code / fracMod) % expMod;
    const sign = fmt.signed && code >= signPlace ? 1 : 0;
    const cls = conv.classify(fmt, { sign, biasedExp, fraction: BigInt(fraction) });
    if (cls === "nan") return NaN;
    const s = sign ? -1 : 1;
    if (cls === "inf") return s * Infinity;
    if (!conv.hasSubnormals) return s * (fracMod + fraction) * 2 ** (biasedExp - fmt.bias - M);
    if (biasedExp === 0) return s * fraction * 2 ** (1 - fmt.bias - M);
    return s * (fracMod + fraction) * 2 ** (biasedExp - fmt.bias - M);
  };
}

/** Value of every code of a ≤ 16-bit format, indexed by code. */
export function codeValueTable(fmt: ScalarFormat): Float64Array {
  if (fmt.bits > 16) throw new RangeError(`codeValueTable: ${fmt.id} has more than 16 bits`);
  const dec = float64Decoder(fmt)!;
  const t = new Float64Array(2 ** fmt.bits);
  for (let c = 0; c < t.length; c++) t[c] = dec(c);
  return t;
}
