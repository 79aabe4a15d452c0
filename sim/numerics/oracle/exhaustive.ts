import type { Raw } from "../raw.js";
import type { EncodeOptions, Encoded } from "../round-pack.js";
import { codeBits, oracleDecode } from "./format-model.js";
import type { OracleGrid } from "./grid.js";
import type { DirectedOrNearest } from "./harness.js";
import { asValues, compareMany, gridPairs, optionGrid, pairPoints, showValue } from "./harness.js";
import type { Rational } from "./rational.js";
import { rawToOracle, sameOracleValue } from "./raw-bridge.js";
import type { OracleOptions } from "./round.js";

/** The codec under test for one format, passed in so that the oracle folder never imports it. */
export interface CodecUnderTest {
  decode(code: bigint): Raw;
  encode(x: Raw, opts: EncodeOptions): Encoded;
}

const hex = (c: bigint) => `0x${c.toString(16)}`;

/** Codes whose decoded value differs from the oracle's (class, sign or exact rational); at most `limit`. */
export function decodeMismatches(g: OracleGrid, codec: CodecUnderTest, limit = 10): string[] {
  const bad: string[] = [];
  for (let c = 0n; c < 1n << BigInt(codeBits(g.params)); c++) {
    const got = rawToOracle(codec.decode(c));
    const want = oracleDecode(g.params, c);
    if (!sameOracleValue(got, want)) bad.push(`${hex(c)}: got ${showValue(got)} want ${showValue(want)}`);
    if (bad.length >= limit) break;
  }
  return bad;
}

/**
 * Codes for which encode(decode(code)) is not the code itself with no flags, in the given modes; NaN codes must
 * come back as the canonical NaN of their sign instead. intN-sym's unused code −2^(N−1) is left out.
 */
export function roundTripMismatches(g: OracleGrid, codec: CodecUnderTest, modes: readonly DirectedOrNearest[], limit = 10): string[] {
  const bad: string[] = [];
  const p = g.params;
  const hole = p.kind === "int" && p.symmetric ? 1n << BigInt(p.bits - 1) : -1n;
  for (let c = 0n; c < 1n << BigInt(codeBits(g.params)); c++) {
    if (c === hole) continue;
    const v = oracleDecode(p, c);
    const want = v.cls === "nan" ? g.canonicalNaN(v.sign) : c;
    for (const rounding of modes) {
      const e = codec.encode(codec.decode(c), { rounding });
      const flagged = e.flags.inexact || e.flags.overflow || e.flags.underflow || e.flags.invalid;
      if (e.code !== want || flagged) bad.push(`${hex(c)} ${rounding}: ${hex(e.code)}`);
    }
    if (bad.length >= limit) break;
  }
  return bad;
}

export interface MidpointPlan {
  /** Modes run at every point. */
  readonly everywhere: readonly DirectedOrNearest[];
  /** Modes run at the points `sample` keeps (a seeded subset, chosen by the caller). */
  readonly sampled: readonly DirectedOrNearest[];
  readonly sample: (pts: readonly Rational[]) => readonly Rational[];
  /** Overflow policy used away from the ends; both policies run on the `endPairs` pairs at each end. */
  readonly policy: OracleOptions["overflow"];
  readonly endPairs: number;
  /** ε shifts for pairPoints (k: ε = gap·2^-k). */
  readonly epsShifts: readonly number[];
}

/** Midpoint ± ε of every gap (extended past ±max) against the oracle; returns the mismatch count and the first few. */
export function midpointMismatches(g: OracleGrid, codec: CodecUnderTest, plan: MidpointPlan) {
  const enc = (x: Raw, o: EncodeOptions) => codec.encode(x, o);
  const pairs = gridPairs(g);
  const pts = pairs.flatMap(([a, b]) => pairPoints(g, a, b, plan.epsShifts));
  const ends = [...pairs.slice(0, plan.endPairs), ...pairs.slice(-plan.endPairs)];
  const endPts = ends.flatMap(([a, b]) => pairPoints(g, a, b, [...plan.epsShifts, 2]));
  const runs = [
    compareMany(g, enc, asValues(pts), optionGrid(plan.everywhere, [plan.policy])),
    compareMany(g, enc, asValues(plan.sample(pts)), optionGrid(plan.sampled, [plan.policy])),
    compareMany(g, enc, asValues(endPts), optionGrid([...plan.everywhere, ...plan.sampled], ["saturate", "non-saturating"])),
  ];
  return {
    checked: runs.reduce((s, r) => s + r.checked, 0),
    count: runs.reduce((s, r) => s + r.count, 0),
    first: runs.flatMap((r) => r.mismatches).slice(0, 10),
  };
}
