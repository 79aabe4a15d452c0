// Wider formats, sampled: tf32 (19 bits, the oracle still enumerates it) on random values and edges in every
// mode and policy; fp32 in the directed and ties-away modes by exact bracketing between neighbouring codes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPrng } from "../prng.js";
import { encode } from "./codec.js";
import { fromFloat64 } from "./float64.js";
import type { ScalarFormat } from "./formats/format.js";
import { lookupScalar } from "./formats/registry.js";
import { oracleDecode } from "./oracle/format-model.js";
import { buildGrid } from "./oracle/grid.js";
import { asValues, compareMany, DETERMINISTIC_MODES, gridPairs, optionGrid, pairPoints } from "./oracle/harness.js";
import type { Rational } from "./oracle/rational.js";
import { abs, add, cmp, mul, rat, sub } from "./oracle/rational.js";
import { rawToOracle } from "./oracle/raw-bridge.js";
import type { Raw } from "./raw.js";

const fmt = (name: string): ScalarFormat => {
  const r = lookupScalar(name);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

describe("tf32 against the oracle", () => {
  const f = fmt("tf32");
  const g = buildGrid(f);
  const all = optionGrid(DETERMINISTIC_MODES, ["non-saturating", "saturate"], ["nvidia", "ml_dtypes"]);

  it("random exact values (fast-check, 1..60 significant bits, 2^-150..2^130)", () => {
    const arb = fc
      .tuple(fc.boolean(), fc.integer({ min: 1, max: 60 }), fc.bigInt(0n, (1n << 60n) - 1n), fc.integer({ min: -150, max: 130 }))
      .map(([neg, k, r, t]): Raw => ({ cls: "finite", sign: neg ? 1 : 0, sig: (1n << BigInt(k - 1)) | (r >> BigInt(61 - k)), exp: t - (k - 1) }));
    fc.assert(
      fc.property(arb, (x) => {
        const r = compareMany(g, (v, o) => encode(f, v, o), [rawToOracle(x)], all, 1);
        expect(r.mismatches).toEqual([]);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("midpoints ± ε of a seeded 2% of the gaps, and the 16 gaps at each end", () => {
    const pairs = gridPairs(g);
    const rng = createPrng(19);
    const chosen = [...pairs.slice(0, 16), ...pairs.slice(-16), ...pairs.filter(() => rng.nextFloat64() < 0.02)];
    const pts = chosen.flatMap(([a, b]) => pairPoints(g, a, b, [40, 3]));
    const r = compareMany(g, (v, o) => encode(f, v, o), asValues(pts), optionGrid(DETERMINISTIC_MODES, ["non-saturating", "saturate"]));
    expect({ count: r.count, first: r.mismatches }).toEqual({ count: 0, first: [] });
  });
});

describe("fp32 in the directed and ties-away modes, by exact bracketing", () => {
  const fp32 = fmt("fp32");
  const FP32_PARAMS = { kind: "float", expBits: 8, manBits: 23, bias: 127, signed: true, specials: "ieee" } as const;
  const valueOf = (code: number): Rational | "inf" => {
    const v = oracleDecode(FP32_PARAMS, BigInt(code));
    return v.cls === "finite" ? v.value : v.cls === "zero" ? rat(0n) : "inf";
  };
  const MAX = 0x7f7fffff;
  // |x| between codes c and c + 1 of the positive half; past max the next grid point is 2^128.
  const nextAbove = (c: number): Rational => (c === MAX ? rat(1n << 128n) : (valueOf(c + 1) as Rational));

  it("100 000 seeded float64 inputs: each result is the right neighbour per mode", () => {
    const rng = createPrng(33);
    const bad: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const e = -152 + (rng.nextUint32() % 284);
      const x = (rng.nextUint32() & 1 ? -1 : 1) * (1 + rng.nextFloat64()) * 2 ** e;
      const q = rawToOracle(fromFloat64(x));
      if (q.cls !== "finite") continue;
      const mag = abs(q.value);
      const neg = x < 0;
      for (const rounding of ["rtz", "rup", "rdn", "rna"] as const) {
        const got = encode(fp32, fromFloat64(x), { rounding });
        const c = Number(got.code) & 0x7fffffff;
        if ((Number(got.code) >>> 31 === 1) !== neg) {
          bad.push(`${x} ${rounding}: sign`);
          continue;
        }
        const v = valueOf(c);
        const awayFromZero = rounding === "rna" ? null : !(rounding === "rtz" || (rounding === "rup" && neg) || (rounding === "rdn" && !neg));
        let ok: boolean;
        const maxV = valueOf(MAX) as Rational;
        if (v === "inf") {
          // Overflow: past max when rounding away from zero; from max + ulp/2 on (the tie included) for RNA.
          ok = awayFromZero === true ? cmp(mag, maxV) > 0 : awayFromZero === null && cmp(mag, mul(add(maxV, nextAbove(MAX)), rat(1n, 2n))) >= 0;
        }
        else if (awayFromZero === false) ok = cmp(v, mag) <= 0 && (c === MAX || cmp(mag, nextAbove(c)) < 0);
        else if (awayFromZero === true) ok = cmp(v, mag) >= 0 && (c === 0 || cmp(valueOf(c - 1) as Rational, mag) < 0);
        else {
          // Nearest with ties away: x within half a gap below v (inclusive) and above v (exclusive).
          const below = c === 0 ? rat(0n) : (valueOf(c - 1) as Rational);
          const lowerMid = mul(add(below, v), rat(1n, 2n));
          const upperMid = mul(add(v, nextAbove(c)), rat(1n, 2n));
          ok = (c === 0 || cmp(lowerMid, mag) <= 0) && cmp(mag, upperMid) < 0;
        }
        if (!ok) bad.push(`${x} ${rounding}: 0x${got.code.toString(16)} (${sub(mag, v === "inf" ? mag : v).n})`);
      }
      if (bad.length > 5) break;
    }
    expect(bad).toEqual([]);
  });
});
