import type { ScalarFormat } from "../formats/format.js";
import type { EncodeOptions } from "../round-pack.js";
import { roundPack } from "../round-pack.js";
import { conventionOf } from "../formats/conventions/index.js";
import { intMax, intMin } from "../formats/int.js";
import type { Raw } from "../raw.js";
import { fromFloat64 } from "../float64.js";

/** A JS number → code kernel for one format and one set of options. */
export type Float64Encoder = (x: number) => number;

export type EncoderOutcome = { ok: true; encode: Float64Encoder } | { ok: false; reason: string };

/**
 * Fast float64 → code kernel using only float64 arithmetic (for quantizing whole tensors).
 * Every special case (NaN, ±Inf, ±0, overflow, negative input to an unsigned format) takes its code from
 * the reference round-pack once at construction, so the kernel cannot disagree there; the finite path
 * is exact because scaling by 2^-q, floor and the remainder are exact float64 operations when the
 * significand fits 53 bits. Tests compare it with round-pack on every midpoint of every ≤16-bit format.
 * Supports formats of at most 32 bits and the deterministic rounding modes.
 */
export function float64Encoder(fmt: ScalarFormat, opts: EncodeOptions = {}): EncoderOutcome {
  const mode = opts.rounding ?? "rne";
  if (mode === "stochastic") return { ok: false, reason: "the fast encoder does not do stochastic rounding; use encode()" };
  if (fmt.bits > 32) return { ok: false, reason: `the fast encoder handles formats up to 32 bits, not ${fmt.id}` };
  const ref = (x: Raw) => Number(roundPack(x, fmt, opts).code);
  const nanCode = ref({ cls: "nan", sign: 0 });
  const infCode = [ref({ cls: "inf", sign: 0 }), ref({ cls: "inf", sign: 1 })] as const;
  const zeroCode = [ref({ cls: "zero", sign: 0 }), ref({ cls: "zero", sign: 1 })] as const;
  const huge = (sign: 0 | 1): Raw => ({ cls: "finite", sign, sig: 1n, exp: 4096 });
  const overflowCode = [ref(huge(0)), ref(huge(1))] as const;
  const up = (sign: boolean, n: number, rem: number): boolean => {
    if (rem === 0) return false;
    switch (mode) {
      case "rne":
        return rem > 0.5 || (rem === 0.5 && n % 2 === 1);
      case "rna":
        return rem >= 0.5;
      case "rtz":
        return false;
      case "rup":
        return !sign;
      case "rdn":
        return sign;
    }
  };
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const hiWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word is [1]
  /** floor(log2 a) for finite a > 0, exactly, from the float64 exponent field. */
  const log2Floor = (a: number): number => {
    scratch[0] = a;
    const be = (words[hiWord]! >>> 20) & 0x7ff;
    if (be !== 0) return be - 1023;
    scratch[0] = a * 2 ** 64; // float64 subnormal: renormalize exactly
    return ((words[hiWord]! >>> 20) & 0x7ff) - 1023 - 64;
  };

  if (fmt.kind === "int") {
    const lo = Number(intMin(fmt));
    const hi = Number(intMax(fmt));
    const modulus = 2 ** fmt.bits;
    const saturate = (opts.overflow ?? "saturate") === "saturate";
    return {
      ok: true,
      encode: (x) => {
        if (x !== x) return nanCode;
        if (x === Infinity) return infCode[0];
        if (x === -Infinity) return infCode[1];
        const sign = x < 0;
        const a = Math.abs(x);
        if (a >= 2 ** 52) return Number(roundPack(fromFloat64(x), fmt, opts).code); // integers beyond 2^52: rare, take the reference
        let n = Math.floor(a);
        if (up(sign, n, a - n)) n += 1;
        const v = sign ? -n : n;
        if (v < lo || v > hi) {
          if (saturate) return v < lo ? ((lo % modulus) + modulus) % modulus : hi;
        }
        return ((v % modulus) + modulus) % modulus;
      },
    };
  }

  const conv = conventionOf(fmt.specials);
  const M = fmt.manBits;
  const hidden = 2 ** M;
  const emin = (conv.hasSubnormals ? 1 : 0) - fmt.bias;
  const top = conv.maxFinite(fmt);
  const maxBiasedExp = top.biasedExp;
  const maxFraction = Number(top.fraction);
  const signBit = fmt.signed ? 2 ** (fmt.bits - 1) : 0;
  const negativeCode = fmt.signed ? 0 : ref({ cls: "finite", sign: 1, sig: 1n, exp: 0 });
  return {
    ok: true,
    encode: (x) => {
      if (x !== x) return nanCode;
      const sign = x < 0 || Object.is(x, -0);
      const s = sign ? 1 : 0;
      if (x === 0) return zeroCode[s];
      if (x === Infinity || x === -Infinity) return infCode[s];
      if (sign && !fmt.signed) return negativeCode;
      const a = Math.abs(x);
      let q = Math.max(log2Floor(a), emin) - M;
      // 2^-q may not be representable for very large q; split the scaling in two exact steps.
      const scaled = q > 1000 ? a * 2 ** -1000 * 2 ** (1000 - q) : a * 2 ** -q;
      let n = Math.floor(scaled);
      if (up(sign, n, scaled - n)) n += 1;
      if (n === 0) return conv.hasZero ? zeroCode[s] : 0;
      if (n >= 2 * hidden) {
        n /= 2;
        q += 1;
      }
      const normal = n >= hidden;
      const biasedExp = normal ? q + M + fmt.bias : 0;
      const fraction = normal ? n - hidden : n;
      if (biasedExp > maxBiasedExp || (biasedExp === maxBiasedExp && fraction > maxFraction)) return overflowCode[s];
      return (sign ? signBit : 0) + biasedExp * hidden + fraction;
    },
  };
}

