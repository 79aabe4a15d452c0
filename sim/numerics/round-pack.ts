import type { Raw, Sign } from "./raw.js";
import { bitLength } from "./raw.js";
import type { RoundingMode, StochasticSource } from "./rounding.js";
import { roundShiftRight } from "./rounding.js";
import type { FloatFormat, IntFormat, ScalarFormat } from "./formats/format.js";
import { conventionOf } from "./formats/conventions/index.js";
import { packFields } from "./formats/conventions/convention.js";
import { maxFiniteCode } from "./formats/float.js";
import { intCode, intMax, intMin } from "./formats/int.js";

/** `saturate` clamps to ±max; `non-saturating` gives Inf or NaN as the format dictates (ints wrap). */
export type OverflowPolicy = "saturate" | "non-saturating";
export const OVERFLOW_POLICIES: readonly OverflowPolicy[] = ["saturate", "non-saturating"];

/**
 * What saturation does with an infinite input: `nvidia` (CUDA `__NV_SATFINITE`) maps ±Inf to ±max;
 * `ml_dtypes` keeps Inf where the format has it and gives NaN otherwise.
 */
export type InfSaturation = "nvidia" | "ml_dtypes";

export interface EncodeOptions {
  readonly rounding?: RoundingMode;
  readonly overflow?: OverflowPolicy;
  readonly infSaturation?: InfSaturation;
  /** Required for `stochastic` rounding. */
  readonly stochastic?: StochasticSource;
}

/** IEEE 754 §7 exception flags raised by one conversion. */
export interface Flags {
  inexact: boolean;
  overflow: boolean;
  /** Tiny (nonzero, below min normal) before rounding, and inexact. */
  underflow: boolean;
  invalid: boolean;
}

export interface Encoded {
  readonly code: bigint;
  readonly flags: Flags;
}

const noFlags = (): Flags => ({ inexact: false, overflow: false, underflow: false, invalid: false });

/**
 * THE rounding routine: an exact raw value to a code of `fmt`, rounded once (never via an intermediate
 * format), with overflow and special values handled by the format's convention.
 */
export function roundPack(x: Raw, fmt: ScalarFormat, opts: EncodeOptions = {}): Encoded {
  return fmt.kind === "float" ? roundPackFloat(x, fmt, opts) : roundPackInt(x, fmt, opts);
}

function roundPackFloat(x: Raw, f: FloatFormat, opts: EncodeOptions): Encoded {
  const conv = conventionOf(f.specials);
  const mode = opts.rounding ?? "rne";
  const saturate = (opts.overflow ?? "non-saturating") === "saturate";
  const flags = noFlags();
  const nan = (sign: Sign): Encoded => {
    const code = conv.nanCode(f, sign);
    if (code !== null) return { code, flags };
    flags.invalid = true; // no NaN encoding (FP4/FP6): ml_dtypes gives −0
    return { code: packFields(f, 1, 0, 0n), flags };
  };
  const max = (sign: Sign): Encoded => ({ code: maxFiniteCode(f, sign), flags });

  if (x.cls === "nan") return nan(x.sign);
  if (!f.signed && x.sign === 1 && x.cls !== "zero") {
    flags.invalid = true; // negative value in an unsigned format (E8M0)
    return nan(0);
  }
  if (x.cls === "inf") {
    const infCode = conv.infCode(f, x.sign);
    if (saturate && (opts.infSaturation ?? "nvidia") === "nvidia") {
      flags.overflow = true;
      return max(x.sign);
    }
    if (infCode !== null) return { code: infCode, flags };
    if (conv.hasNaN) {
      flags.invalid = true;
      return nan(x.sign);
    }
    flags.overflow = true;
    return max(x.sign);
  }
  if (x.cls === "zero") {
    if (!conv.hasZero) {
      flags.invalid = true;
      return nan(0);
    }
    return { code: packFields(f, conv.hasNegZero ? x.sign : 0, 0, 0n), flags };
  }

  const sign = x.sign;
  const M = f.manBits;
  // Unbiased exponent of the smallest normal binade.
  const emin = (conv.hasSubnormals ? 1 : 0) - f.bias;
  const e = bitLength(x.sig) - 1 + x.exp;
  // Quantum (weight of the last kept bit): one grid for normals, the fixed subnormal grid below emin.
  const q = Math.max(e, emin) - M;
  const r = roundShiftRight(x.sig, q - x.exp, sign, mode, opts.stochastic);
  let n = r.magnitude;
  let quantum = q;
  flags.inexact = r.inexact;
  flags.underflow = e < emin && r.inexact;
  if (n === 0n) {
    if (!conv.hasZero) {
      // E8M0 has no zero: the smallest scale stands in for anything below it.
      return { code: 0n, flags };
    }
    return { code: packFields(f, conv.hasNegZero ? sign : 0, 0, 0n), flags };
  }
  if (n >> BigInt(M + 1) !== 0n) {
    n >>= 1n; // rounding carried into a new binade
    quantum += 1;
  }
  const hidden = 1n << BigInt(M);
  const normal = n >= hidden;
  const biasedExp = normal ? quantum + M + f.bias : 0;
  const fraction = normal ? n - hidden : n;
  const top = conv.maxFinite(f);
  if (biasedExp > top.biasedExp || (biasedExp === top.biasedExp && fraction > top.fraction)) {
    flags.overflow = true;
    flags.inexact = true;
    // IEEE 754 §7.4: directed modes that round toward zero for this sign give ±max.
    const towardZero = mode === "rtz" || (mode === "rup" && sign === 1) || (mode === "rdn" && sign === 0);
    if (saturate || towardZero) return max(sign);
    const infCode = conv.infCode(f, sign);
    if (infCode !== null) return { code: infCode, flags };
    if (conv.hasNaN) return nan(sign);
    return max(sign);
  }
  return { code: packFields(f, sign, biasedExp, fraction), flags };
}

function roundPackInt(x: Raw, f: IntFormat, opts: EncodeOptions): Encoded {
  const mode = opts.rounding ?? "rne";
  const saturate = (opts.overflow ?? "saturate") === "saturate";
  const flags = noFlags();
  const lo = intMin(f);
  const hi = intMax(f);
  if (x.cls === "nan") {
    flags.invalid = true; // no NaN in integers: 0, as ARM FCVTZS does
    return { code: 0n, flags };
  }
  if (x.cls === "zero") return { code: 0n, flags };
  if (x.cls === "inf") {
    flags.invalid = true;
    flags.overflow = true;
    return { code: intCode(f, x.sign ? lo : hi), flags };
  }
  if (x.exp >= f.bits) {
    // |x| ≥ 2^bits lies past every limit, and sig·2^exp ≡ 0 mod 2^bits; answering here avoids a huge left shift.
    flags.overflow = true;
    return { code: saturate ? intCode(f, x.sign ? lo : hi) : 0n, flags };
  }
  const r = roundShiftRight(x.sig, -x.exp, x.sign, mode, opts.stochastic);
  flags.inexact = r.inexact;
  const v = x.sign ? -r.magnitude : r.magnitude;
  if (v < lo || v > hi) {
    flags.overflow = true;
    if (saturate) return { code: intCode(f, v < lo ? lo : hi), flags };
    return { code: intCode(f, v), flags }; // wrap modulo 2^bits, as ml_dtypes integer casts do
  }
  return { code: intCode(f, v), flags };
}
