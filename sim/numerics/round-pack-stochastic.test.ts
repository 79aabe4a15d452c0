// Stochastic rounding through encode: exact against the oracle when every r-bit random value is fed in once,
// unbiased within a statistical bound with the seeded generator, and reproducible from the seed.
import { describe, expect, it } from "vitest";
import type { Prng } from "../prng.js";
import { createPrng } from "../prng.js";
import { decode, encode } from "./codec.js";
import type { ScalarFormat } from "./formats/format.js";
import { lookupScalar } from "./formats/registry.js";
import { buildGrid, fromUnits } from "./oracle/grid.js";
import { gridPairs } from "./oracle/harness.js";
import type { Rational } from "./oracle/rational.js";
import { add, floor, mul, pow2, rat } from "./oracle/rational.js";
import { oracleToRaw, rawToOracle } from "./oracle/raw-bridge.js";
import { bracket, oracleEncode, stochasticFraction } from "./oracle/round.js";

const fmt = (name: string): ScalarFormat => {
  const r = lookupScalar(name);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

/** A stand-in generator that answers nextBits with one fixed value (it draws nothing at random). */
function fixedBits(v: bigint): Prng {
  const unused = (): never => {
    throw new Error("only nextBits is scripted");
  };
  return { nextBits: () => v, nextUint32: unused, nextFloat64: unused, nextNormal: unused, fork: unused };
}

const toNumber = (q: Rational): number => Number(q.n) / Number(q.d);

describe("stochastic rounding, every random value once, against the oracle", () => {
  const cases: [string, number][] = [
    ["fp8-e4m3", 4],
    ["fp8-e5m2", 4],
    ["fp8-e4m3fnuz", 3],
    ["fp4-e2m1", 4],
    ["fp6-e3m2", 2],
    ["e8m0", 4],
    ["int4", 4],
    ["uint4", 3],
  ];
  it.each(cases)("%s with r = %i random bits: code and flags for each draw, both overflow policies", (name, r) => {
    const f = fmt(name);
    const g = buildGrid(f);
    const bad: string[] = [];
    for (const [a, b] of gridPairs(g)) {
      // Points j/16 of the way across each gap (4 fraction bits: with r < 4 the cut-off truncates), plus one far past max.
      const xs = [1n, 5n, 8n, 11n, 15n].map((j) => fromUnits(g, add(rat(a), mul(rat(b - a), rat(j, 16n)))));
      if (b === g.maxUnits + g.ulpMaxUnits) xs.push(fromUnits(g, mul(rat(b), rat(3n))));
      for (const sgnX of xs) {
        const x = { cls: "finite" as const, value: sgnX };
        const br = bracket(g, sgnX);
        const cut = br.beyond || br.exact ? 0n : floor(mul(stochasticFraction(br), pow2(r)));
        for (let v = 0n; v < 1n << BigInt(r); v++) {
          const up = cut + v >= 1n << BigInt(r);
          for (const overflow of ["saturate", "non-saturating"] as const) {
            const got = encode(f, oracleToRaw(x), { rounding: "stochastic", overflow, stochastic: { rng: fixedBits(v), bits: r } });
            const want = oracleEncode(g, x, { rounding: { mode: "stochastic", up }, overflow, infSaturation: "nvidia" });
            if (got.code !== want.code || JSON.stringify(got.flags) !== JSON.stringify(want.flags)) {
              bad.push(`${sgnX.n}/${sgnX.d} v=${v} ${overflow}: got 0x${got.code.toString(16)} want 0x${want.code.toString(16)}`);
            }
          }
        }
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});

describe("stochastic rounding with the seeded generator", () => {
  // x = L + p·(U − L); with p a multiple of 2^-r the expected value is exactly x.
  const cases: { name: string; x: Rational; r: number }[] = [
    { name: "fp8-e4m3", x: rat(65536n * 8n + 19661n, 65536n * 8n), r: 16 }, // 1 + p/8, p = 19661/2^16 ≈ 0.3
    { name: "fp8-e4m3", x: rat(-845n, 2048n), r: 8 }, // between −13/32 and −14/32, p = 13/64
    { name: "fp8-e4m3", x: mul(pow2(-9), rat(3n, 4n)), r: 8 }, // between 0 and the min subnormal
    { name: "fp4-e2m1", x: rat(339n, 64n), r: 8 }, // between 4 and 6, p = 83/128
    { name: "bf16", x: rat((1n << 27n) + 104858n, 1n << 27n), r: 12 }, // p = 104858/2^20 ≈ 0.1 has 20 bits: r = 12 truncates
    { name: "int8", x: rat(-(2n * 1024n + 307n), 1024n), r: 10 }, // ≈ −2.3, p = 307/1024
  ];
  const N = 20000;

  it.each(cases)("$name: the mean of $r-bit draws is within 5σ (+ the 2^-r cut-off) of x", ({ name, x, r }) => {
    const f = fmt(name);
    const g = buildGrid(f);
    const br = bracket(g, x);
    const lo = toNumber(fromUnits(g, br.lo));
    const hi = toNumber(fromUnits(g, br.hi));
    const p = (toNumber(x) - lo) / (hi - lo);
    const rng = createPrng(2024);
    const raw = oracleToRaw({ cls: "finite", value: x });
    let sum = 0;
    const seen = new Set<bigint>();
    for (let i = 0; i < N; i++) {
      const e = encode(f, raw, { rounding: "stochastic", stochastic: { rng, bits: r } });
      seen.add(e.code);
      const v = rawToOracle(decode(f, e.code));
      sum += v.cls === "finite" ? toNumber(v.value) : 0;
    }
    expect(seen.size).toBe(2); // only the two neighbours ever come out
    const sigma = (hi - lo) * Math.sqrt((p * (1 - p)) / N);
    expect(Math.abs(sum / N - toNumber(x))).toBeLessThanOrEqual(5 * sigma + (hi - lo) * 2 ** -r);
  });

  it("is reproducible from the seed, and another seed gives another sequence", () => {
    const f = fmt("fp8-e4m3");
    const raw = oracleToRaw({ cls: "finite", value: rat(1003n, 1024n) });
    const run = (seed: number) => {
      const rng = createPrng(seed);
      return Array.from({ length: 256 }, () => encode(f, raw, { rounding: "stochastic", stochastic: { rng, bits: 8 } }).code);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});
