/**
 * Exact BigInt rationals for the test oracle. Deliberately tiny and separate from raw.ts: the oracle
 * must not share arithmetic with the code it checks.
 */

/** An exact rational n/d with d > 0 (not necessarily in lowest terms). */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

/** The rational n/d (d ≠ 0; the sign is moved to the numerator). */
export function rat(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError("rat: zero denominator");
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

export const ZERO_Q: Rational = { n: 0n, d: 1n };

/** 2^e exactly, for any integer e. */
export function pow2(e: number): Rational {
  if (!Number.isInteger(e)) throw new RangeError(`pow2: ${e} is not an integer`);
  return e >= 0 ? { n: 1n << BigInt(e), d: 1n } : { n: 1n, d: 1n << BigInt(-e) };
}

export const add = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const abs = (a: Rational): Rational => (a.n < 0n ? neg(a) : a);

/** a / b (b ≠ 0). */
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError("div: division by zero");
  return rat(a.n * b.d, a.d * b.n);
}

/** Sign of a: -1, 0 or 1. */
export const sgn = (a: Rational): -1 | 0 | 1 => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);

/** Exact comparison: -1, 0 or 1. */
export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const eq = (a: Rational, b: Rational): boolean => cmp(a, b) === 0;

/** Largest integer ≤ a. */
export function floor(a: Rational): bigint {
  const q = a.n / a.d; // truncates toward zero
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

export const isInteger = (a: Rational): boolean => a.n % a.d === 0n;

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Lowest terms. */
export function reduce(a: Rational): Rational {
  const g = gcd(a.n, a.d);
  return g <= 1n ? a : { n: a.n / g, d: a.d / g };
}

/** True when a = m·2^k for integers m, k (a dyadic rational, i.e. a finite binary fraction). */
export function isDyadic(a: Rational): boolean {
  const r = reduce(a);
  return (r.d & (r.d - 1n)) === 0n;
}

/** The exact rational written by a decimal string such as "-12.5e-3" (no hex, no specials); null if malformed. */
export function parseDecimalRational(text: string): Rational | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  const intDigits = m[2] ?? "";
  const fracDigits = m[3] ?? "";
  if (intDigits + fracDigits === "") return null;
  let n = BigInt(intDigits + fracDigits || "0");
  if (m[1] === "-") n = -n;
  const e10 = BigInt(m[4] ?? "0") - BigInt(fracDigits.length);
  return e10 >= 0n ? rat(n * 10n ** e10) : rat(n, 10n ** -e10);
}
