import type { OracleFormatParams, OracleSign } from "./format-model.js";
import { codeBits, oracleDecode } from "./format-model.js";
import type { Rational } from "./rational.js";
import { div, floor, isInteger, mul, pow2, rat, reduce } from "./rational.js";

/**
 * The sorted set of representable finite values of a format, built by decoding every code with the oracle's
 * own decoder. Values are kept as integers in units of the smallest positive magnitude (every float value is
 * an integer multiple of the minimum subnormal, every E8M0 value of 2^-127, every integer of 1), so that
 * searching is plain bigint comparison.
 */
export interface OracleGrid {
  readonly params: OracleFormatParams;
  /** The unit u: the smallest positive representable magnitude. */
  readonly unit: Rational;
  /** Distinct finite values, ascending, in units of u (zero included once where the format has one). */
  readonly values: readonly bigint[];
  /** The code of each entry of `values` (+0's code for zero). */
  readonly codes: readonly bigint[];
  /** Code of the value k units, or undefined if k is not on the grid (binary search: V8 hashes big BigInt keys badly). */
  readonly codeOf: (k: bigint) => bigint | undefined;
  readonly maxUnits: bigint;
  readonly minUnits: bigint;
  /** Spacing above max if the exponent were unbounded (IEEE 754 §7.4): 2^(floor(log2 max) − M), or 1 for ints. */
  readonly ulpMaxUnits: bigint;
  /** Smallest positive normal, in units (floats; 0 for ints, which have no underflow). */
  readonly minNormalUnits: bigint;
  readonly posZeroCode: bigint | null;
  readonly negZeroCode: bigint | null;
  readonly nanCodes: readonly bigint[];
  readonly infCode: (sign: OracleSign) => bigint | null;
  /** The canonical NaN a conversion produces, by the written rules of each convention; null where there is none. */
  readonly canonicalNaN: (sign: OracleSign) => bigint | null;
}

/** Largest width the oracle enumerates (2^20 codes). */
export const ORACLE_MAX_BITS = 20;

/** Build the grid of a format of at most ORACLE_MAX_BITS bits. */
export function buildGrid(p: OracleFormatParams): OracleGrid {
  const width = codeBits(p);
  if (width > ORACLE_MAX_BITS) throw new RangeError(`oracle: ${width}-bit formats are too wide to enumerate`);
  const finiteCodes: { value: Rational; code: bigint }[] = [];
  const nanCodes: bigint[] = [];
  const infCodes: (bigint | null)[] = [null, null];
  let posZeroCode: bigint | null = null;
  let negZeroCode: bigint | null = null;
  const symmetricHole = p.kind === "int" && p.symmetric ? 1n << BigInt(p.bits - 1) : -1n;
  for (let c = 0n; c < 1n << BigInt(width); c++) {
    const v = oracleDecode(p, c);
    if (v.cls === "nan") nanCodes.push(c);
    else if (v.cls === "inf") infCodes[v.sign] = c;
    else if (v.cls === "zero") {
      if (v.sign === 0) posZeroCode = c;
      else negZeroCode = c;
    } else if (c !== symmetricHole) finiteCodes.push({ value: v.value, code: c });
  }
  // The unit: the smallest positive magnitude. Every value must be a whole multiple of it.
  let unit: Rational | null = null;
  for (const { value } of finiteCodes) {
    const mag = value.n < 0n ? rat(-value.n, value.d) : value;
    if (unit === null || mag.n * unit.d < unit.n * mag.d) unit = mag;
  }
  if (unit === null) throw new RangeError("oracle: format has no nonzero finite values");
  unit = reduce(unit);
  const entries: { units: bigint; code: bigint }[] = finiteCodes.map(({ value, code }) => {
    const q = div(value, unit!);
    if (!isInteger(q)) throw new Error(`oracle: value of code ${code} is not a multiple of the unit`);
    return { units: floor(q), code };
  });
  if (posZeroCode !== null) entries.push({ units: 0n, code: posZeroCode });
  entries.sort((a, b) => (a.units < b.units ? -1 : a.units > b.units ? 1 : 0));
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.units === entries[i - 1]!.units) throw new Error(`oracle: two codes share value ${entries[i]!.units}`);
  }
  const values = entries.map((e) => e.units);
  const codes = entries.map((e) => e.code);
  const maxUnits = values[values.length - 1]!;
  const minUnits = values[0]!;

  let ulpMaxUnits = 1n;
  let minNormalUnits = 0n;
  if (p.kind === "float") {
    // floor(log2 max) in units is bitLength(maxUnits) − 1; the unbounded grid's spacing there keeps M fraction bits.
    const log2Max = maxUnits.toString(2).length - 1;
    const ulpExp = log2Max - p.manBits;
    if (ulpExp < 0) throw new Error("oracle: ulp(max) is below the unit");
    ulpMaxUnits = 1n << BigInt(ulpExp);
    const minNormal = p.specials === "e8m0" ? pow2(-p.bias) : pow2(1 - p.bias);
    minNormalUnits = floor(div(minNormal, unit));
  }

  const canonicalNaN = (sign: OracleSign): bigint | null => {
    if (p.kind === "int") return null;
    const E = BigInt(p.expBits);
    const M = BigInt(p.manBits);
    const s = p.signed && sign ? 1n << (E + M) : 0n;
    const expOnes = ((1n << E) - 1n) << M;
    switch (p.specials) {
      case "ieee":
        if (p.manBits === 0) throw new RangeError("oracle: an ieee format without fraction bits has no NaN code");
        return s | expOnes | (1n << (M - 1n)); // quiet NaN: top fraction bit set (IEEE 754-2019 §6.2.1)
      case "fn":
        return s | expOnes | ((1n << M) - 1n);
      case "fnuz":
        if (!p.signed) throw new RangeError("oracle: an unsigned fnuz format has no NaN code");
        return 1n << (E + M);
      case "finite":
        return null;
      case "e8m0":
        return expOnes | ((1n << M) - 1n);
    }
  };

  return {
    params: p,
    unit,
    values,
    codes,
    codeOf: (k) => {
      const i = indexAtMost(values, k);
      return i >= 0 && values[i] === k ? codes[i] : undefined;
    },
    maxUnits,
    minUnits,
    ulpMaxUnits,
    minNormalUnits,
    posZeroCode,
    negZeroCode,
    nanCodes,
    infCode: (sign) => infCodes[sign] ?? null,
    canonicalNaN,
  };
}

/** Index of the last entry ≤ k in an ascending list, or −1. */
export function indexAtMost(values: readonly bigint[], k: bigint): number {
  let lo = 0;
  let hi = values.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= k) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** x / u as a rational (x in absolute terms). */
export function toUnits(g: OracleGrid, x: Rational): Rational {
  return div(x, g.unit);
}

/** The absolute value of k units. */
export function fromUnits(g: OracleGrid, k: Rational | bigint): Rational {
  return mul(typeof k === "bigint" ? rat(k) : k, g.unit);
}
