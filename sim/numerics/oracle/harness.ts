import type { Raw } from "../raw.js";
import type { EncodeOptions, Encoded } from "../round-pack.js";
import type { OracleValue } from "./format-model.js";
import type { OracleGrid } from "./grid.js";
import { fromUnits } from "./grid.js";
import type { Rational } from "./rational.js";
import { add, mul, neg, pow2, rat } from "./rational.js";
import { oracleToRaw } from "./raw-bridge.js";
import type { Bracket, OracleOptions } from "./round.js";
import { bracket, oracleEncode } from "./round.js";

/** The encoder under test, passed in so that the oracle folder never imports it. */
export type EncodeUnderTest = (x: Raw, opts: EncodeOptions) => Encoded;

export type DirectedOrNearest = "rne" | "rna" | "rtz" | "rup" | "rdn";
export const DETERMINISTIC_MODES: readonly DirectedOrNearest[] = ["rne", "rtz", "rna", "rup", "rdn"];

export interface Mismatch {
  readonly x: string;
  readonly opts: string;
  readonly got: string;
  readonly want: string;
}

const showFlags = (f: Encoded["flags"]): string =>
  (["inexact", "overflow", "underflow", "invalid"] as const).filter((k) => f[k]).join("+") || "-";
const showCode = (e: Encoded): string => `0x${e.code.toString(16)} ${showFlags(e.flags)}`;
export const showValue = (v: OracleValue): string => (v.cls === "finite" ? `${v.value.n}/${v.value.d}` : `${v.cls}${v.sign ? "-" : "+"}`);

/** Encode x with the code under test and with the oracle; return a description when code or any flag differs. */
export function compareOne(g: OracleGrid, enc: EncodeUnderTest, x: OracleValue, opts: OracleOptions): Mismatch | null {
  return compareRaw(g, enc, x, oracleToRaw(x), opts, undefined);
}

function compareRaw(
  g: OracleGrid,
  enc: EncodeUnderTest,
  x: OracleValue,
  raw: Raw,
  opts: OracleOptions,
  pre: Bracket | undefined,
): Mismatch | null {
  const rounding = opts.rounding.mode;
  if (rounding === "stochastic") throw new RangeError("compareOne: stochastic needs a coin; use oracleEncode directly");
  const got = enc(raw, { rounding, overflow: opts.overflow, infSaturation: opts.infSaturation });
  const want = oracleEncode(g, x, opts, pre);
  const same =
    got.code === want.code &&
    got.flags.inexact === want.flags.inexact &&
    got.flags.overflow === want.flags.overflow &&
    got.flags.underflow === want.flags.underflow &&
    got.flags.invalid === want.flags.invalid;
  if (same) return null;
  return {
    x: showValue(x),
    opts: `${rounding}/${opts.overflow}/${opts.infSaturation}`,
    got: showCode(got),
    want: showCode(want),
  };
}

/** Run compareOne for every value × option set; collect up to `limit` mismatches and count all of them. */
export function compareMany(
  g: OracleGrid,
  enc: EncodeUnderTest,
  xs: Iterable<OracleValue>,
  optsList: readonly OracleOptions[],
  limit = 10,
): { mismatches: Mismatch[]; count: number; checked: number } {
  const mismatches: Mismatch[] = [];
  let count = 0;
  let checked = 0;
  for (const x of xs) {
    const raw = oracleToRaw(x);
    const pre = x.cls === "finite" ? bracket(g, x.value) : undefined;
    for (const o of optsList) {
      checked++;
      const m = compareRaw(g, enc, x, raw, o, pre);
      if (m) {
        count++;
        if (mismatches.length < limit) mismatches.push(m);
      }
    }
  }
  return { mismatches, count, checked };
}

/** Option sets: the given modes × overflow policies × Inf conventions. */
export function optionGrid(
  modes: readonly DirectedOrNearest[],
  overflows: readonly OracleOptions["overflow"][] = ["non-saturating", "saturate"],
  infSats: readonly OracleOptions["infSaturation"][] = ["nvidia"],
): OracleOptions[] {
  const out: OracleOptions[] = [];
  for (const mode of modes) for (const overflow of overflows) for (const infSaturation of infSats) {
    out.push({ rounding: { mode }, overflow, infSaturation });
  }
  return out;
}

/** Consecutive pairs of the extended grid (one unbounded-exponent point past each end for floats, ±1 for ints). */
export function gridPairs(g: OracleGrid): [bigint, bigint][] {
  const ext = [...g.values];
  const step = g.ulpMaxUnits;
  if (g.minUnits < 0n || g.params.kind === "int") ext.unshift(g.minUnits - step);
  if (g.minUnits > 0n) ext.unshift(0n); // E8M0: below its smallest value lies only the virtual zero
  ext.push(g.maxUnits + step);
  const pairs: [bigint, bigint][] = [];
  for (let i = 1; i < ext.length; i++) pairs.push([ext[i - 1]!, ext[i]!]);
  return pairs;
}

/**
 * Test points for one pair (a, b) of neighbours, in absolute terms: the midpoint, and the midpoint ± ε for each
 * ε = (b − a)·2^-k in `epsShifts` (k = 40: far below any guard bit, only the sticky bit sees it).
 */
export function pairPoints(g: OracleGrid, a: bigint, b: bigint, epsShifts: readonly number[]): Rational[] {
  const mid = rat(a + b, 2n);
  const out = [fromUnits(g, mid)];
  for (const k of epsShifts) {
    const eps = mul(rat(b - a), pow2(-k));
    out.push(fromUnits(g, add(mid, eps)), fromUnits(g, add(mid, neg(eps))));
  }
  return out;
}

/** Wrap finite rationals as oracle values (zero becomes +0). */
export function* asValues(qs: Iterable<Rational>): Generator<OracleValue> {
  for (const q of qs) yield q.n === 0n ? { cls: "zero", sign: 0 } : { cls: "finite", value: q };
}
