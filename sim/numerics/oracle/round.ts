import type { OracleSign, OracleValue } from "./format-model.js";
import type { OracleGrid } from "./grid.js";
import { indexAtMost, toUnits } from "./grid.js";
import type { Rational } from "./rational.js";
import { cmp, floor, isInteger, rat, sub } from "./rational.js";

/** Rounding of the oracle: the five IEEE 754-2019 §4.3 attributes, or stochastic with the coin given. */
export type OracleRounding =
  | { readonly mode: "rne" | "rna" | "rtz" | "rup" | "rdn" }
  /** `up`: whether the coin sent |x| to the neighbour of larger magnitude. */
  | { readonly mode: "stochastic"; readonly up: boolean };

export interface OracleOptions {
  readonly rounding: OracleRounding;
  readonly overflow: "saturate" | "non-saturating";
  readonly infSaturation: "nvidia" | "ml_dtypes";
}

export interface OracleFlags {
  inexact: boolean;
  overflow: boolean;
  underflow: boolean;
  invalid: boolean;
}

export interface OracleEncoded {
  readonly code: bigint;
  readonly flags: OracleFlags;
}

/** The two grid points around a finite x, in units (they may lie past ±max, on the unbounded grid). */
export interface Bracket {
  /** x in units. */
  readonly x: Rational;
  readonly lo: bigint;
  readonly hi: bigint;
  /** x is itself a representable value (lo = hi = x). */
  readonly exact: boolean;
  /** |x| ≥ max + ulp(max): every rounding of x lies outside the range (floats only). */
  readonly beyond: boolean;
}

/**
 * Find L ≤ x ≤ U on the format's grid by searching the sorted value list. Past the ends the grid continues
 * as IEEE 754 §7.4 rounds "as if the exponent range were unbounded": one more point at ±(max + ulp(max)) for
 * floats, every integer for integer formats. E8M0 (no zero) gets a virtual 0 below its smallest value.
 */
export function bracket(g: OracleGrid, value: Rational): Bracket {
  const x = toUnits(g, value);
  // Everything below compares x with integers, so floor(x) and whether x is whole say it all.
  const t = x.n / x.d; // toward zero; d > 0
  const whole = t * x.d === x.n;
  const f = whole || x.n > 0n ? t : t - 1n;
  const ceil = whole ? f : f + 1n;
  const isInt = g.params.kind === "int";
  const none = { x, exact: false, beyond: false };
  if (ceil > g.maxUnits) {
    // x > max
    if (isInt) return { ...none, exact: whole, lo: f, hi: ceil };
    const next = g.maxUnits + g.ulpMaxUnits;
    if (f >= next) return { ...none, beyond: true, lo: next, hi: next };
    return { ...none, lo: g.maxUnits, hi: next };
  }
  if (f < g.minUnits) {
    // x < min
    if (isInt) return { ...none, exact: whole, lo: f, hi: ceil };
    if (g.minUnits > 0n) return { ...none, lo: 0n, hi: g.minUnits }; // E8M0: virtual zero below 2^-127
    const next = g.minUnits - g.ulpMaxUnits;
    if (ceil <= next) return { ...none, beyond: true, lo: next, hi: next };
    return { ...none, lo: next, hi: g.minUnits };
  }
  const i = indexAtMost(g.values, f);
  const lo = g.values[i]!;
  if (whole && lo === f) return { x, lo, hi: lo, exact: true, beyond: false };
  return { ...none, lo, hi: g.values[i + 1]! };
}

/** Pick L or U for a strictly inexact x per the rounding attribute; returns the chosen point in units. */
function choose(b: Bracket, r: OracleRounding): bigint {
  const { lo, hi, x } = b;
  const negative = hi <= 0n; // 0 is a grid point (or E8M0's virtual one), so L < x < U never straddles it
  const smallMag = negative ? hi : lo;
  const bigMag = negative ? lo : hi;
  switch (r.mode) {
    case "rtz":
      return smallMag;
    case "rup":
      return hi;
    case "rdn":
      return lo;
    case "stochastic":
      return r.up ? bigMag : smallMag;
    case "rne":
    case "rna": {
      // Compare 2x with L + U exactly.
      const c = cmp(rat(2n * x.n, x.d), rat(lo + hi));
      if (c < 0) return lo;
      if (c > 0) return hi;
      if (r.mode === "rna") return bigMag;
      // Tie: the neighbour that is an even multiple of the local spacing (IEEE 754 §4.3.1 "even least
      // significant digit"; for a 0-fraction-bit format such as E8M0 the candidate 2^(e+1) = 2·spacing wins).
      const spacing = hi - lo;
      if (lo % spacing !== 0n) throw new Error("oracle: grid point not a multiple of its spacing");
      return (lo / spacing) % 2n === 0n ? lo : hi;
    }
  }
}

/**
 * The oracle's rounding of an exact value to a format: search the grid, choose by mode, then apply the
 * overflow and special-value rules below (written independently of round-pack.ts).
 *
 * - Flags: inexact = not representable; underflow = tiny (|x| < min normal) and inexact; overflow = the
 *   unbounded-exponent rounding lies past ±max (floats: overflow also raises inexact, IEEE 754 §7.4).
 * - Float overflow: saturation, or a directed mode rounding toward zero, gives ±max; otherwise ±Inf, else the
 *   canonical NaN, else ±max (FP4/FP6 have neither).
 * - Integer overflow: saturate clamps, non-saturating wraps modulo 2^bits; ±Inf gives ±limit with invalid and
 *   overflow; NaN gives 0 with invalid.
 * - NaN input: the canonical NaN; FP4/FP6 give −0 with invalid. Inf input: kept where the format has Inf unless
 *   saturating the `nvidia` way (±max, overflow); otherwise NaN with invalid; FP4/FP6 give ±max with overflow.
 * - Zero: signed zero where −0 exists; E8M0 has no zero (NaN, invalid) and sends values that round to 0 to its
 *   smallest code. Negative nonzero input to an unsigned float: NaN with invalid.
 * `pre` is bracket(g, x.value) when the caller already has it (it does not depend on the options).
 */
export function oracleEncode(g: OracleGrid, x: OracleValue, opts: OracleOptions, pre?: Bracket): OracleEncoded {
  const flags: OracleFlags = { inexact: false, overflow: false, underflow: false, invalid: false };
  const p = g.params;
  const done = (code: bigint): OracleEncoded => ({ code, flags });

  if (p.kind === "int") {
    const codeOfInt = (v: bigint) => BigInt.asUintN(p.bits, v);
    const hiV = g.maxUnits;
    const loV = g.minUnits;
    if (x.cls === "nan") {
      flags.invalid = true;
      return done(0n);
    }
    if (x.cls === "zero") return done(0n);
    if (x.cls === "inf") {
      flags.invalid = true;
      flags.overflow = true;
      return done(codeOfInt(x.sign ? loV : hiV));
    }
    const b = pre ?? bracket(g, x.value);
    const v = b.exact ? b.lo : choose(b, opts.rounding);
    flags.inexact = !b.exact;
    if (v > hiV || v < loV) {
      flags.overflow = true;
      if (opts.overflow === "saturate") return done(codeOfInt(v > hiV ? hiV : loV));
      return done(codeOfInt(v));
    }
    return done(codeOfInt(v));
  }

  const nanResult = (sign: OracleSign): OracleEncoded => {
    const c = g.canonicalNaN(sign);
    if (c !== null) return done(c);
    flags.invalid = true;
    return done(g.negZeroCode ?? g.posZeroCode!);
  };
  const maxCode = (sign: OracleSign): bigint => g.codeOf(sign ? -g.maxUnits : g.maxUnits)!;
  const hasZero = g.posZeroCode !== null;

  if (x.cls === "nan") return nanResult(x.sign);
  const negative = x.cls === "finite" ? x.value.n < 0n : x.sign === 1;
  if (!p.signed && negative && x.cls !== "zero") {
    flags.invalid = true;
    return nanResult(0);
  }
  if (x.cls === "inf") {
    const inf = g.infCode(x.sign);
    if (opts.overflow === "saturate" && opts.infSaturation === "nvidia") {
      flags.overflow = true;
      return done(maxCode(x.sign));
    }
    if (inf !== null) return done(inf);
    if (g.canonicalNaN(x.sign) !== null) {
      flags.invalid = true;
      return nanResult(x.sign);
    }
    flags.overflow = true;
    return done(maxCode(x.sign));
  }
  if (x.cls === "zero") {
    if (!hasZero) {
      flags.invalid = true;
      return nanResult(0);
    }
    return done(x.sign && g.negZeroCode !== null ? g.negZeroCode : g.posZeroCode!);
  }

  const b = pre ?? bracket(g, x.value);
  const sign: OracleSign = negative ? 1 : 0;
  if (b.exact) return done(g.codeOf(b.lo)!);
  flags.inexact = true;
  // |x| < min normal; min normal is a whole number of units, so floor(|x|) decides.
  flags.underflow = floor(b.x.n < 0n ? rat(-b.x.n, b.x.d) : b.x) < g.minNormalUnits;
  const r = b.beyond ? b.lo : choose(b, opts.rounding);
  if (r > g.maxUnits || r < g.minUnits) {
    if (!hasZero && r === 0n) return done(g.codes[0]!); // E8M0: below the smallest scale
    flags.overflow = true;
    const m = opts.rounding.mode;
    const towardZero = m === "rtz" || (m === "rup" && sign === 1) || (m === "rdn" && sign === 0);
    if (opts.overflow === "saturate" || towardZero) return done(maxCode(sign));
    const inf = g.infCode(sign);
    if (inf !== null) return done(inf);
    const nan = g.canonicalNaN(sign);
    if (nan !== null) return done(nan);
    return done(maxCode(sign));
  }
  if (r === 0n) return done(sign && g.negZeroCode !== null ? g.negZeroCode : g.posZeroCode!);
  return done(g.codeOf(r)!);
}

/** Probability-defining fraction of stochastic rounding: (|x| − |small|) / (|big| − |small|), exactly. */
export function stochasticFraction(b: Bracket): Rational {
  const negative = b.hi <= 0n;
  const span = rat(b.hi - b.lo);
  const fromSmall = negative ? sub(rat(b.hi), b.x) : sub(b.x, rat(b.lo));
  return rat(fromSmall.n * span.d, fromSmall.d * span.n);
}

/** x rounded to an integer on the unbounded integer grid (the same choice rule as oracleEncode). */
export function roundToInteger(x: Rational, rounding: OracleRounding): { value: bigint; inexact: boolean } {
  const f = floor(x);
  if (isInteger(x)) return { value: f, inexact: false };
  return { value: choose({ x, lo: f, hi: f + 1n, exact: false, beyond: false }, rounding), inexact: true };
}
