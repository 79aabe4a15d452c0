// roundShiftRight (the guard/sticky step) against the oracle's integer rounding, and stochastic rounding checked
// exactly by feeding it every r-bit random value once.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Prng } from "../prng.js";
import { pow2, rat, floor, mul } from "./oracle/rational.js";
import { roundToInteger } from "./oracle/round.js";
import { roundShiftRight } from "./rounding.js";

/** A stand-in generator that answers nextBits with the given values in turn (it draws nothing at random). */
function scriptedBits(values: readonly bigint[]): Prng {
  let i = 0;
  const unused = (): never => {
    throw new Error("only nextBits is scripted");
  };
  return {
    nextBits: () => values[i++ % values.length]!,
    nextUint32: unused,
    nextFloat64: unused,
    nextNormal: unused,
    fork: unused,
  };
}

describe("roundShiftRight", () => {
  it("matches the oracle's integer rounding of ±sig/2^shift in every deterministic mode (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.bigInt(1n, (1n << 90n) - 1n),
        fc.integer({ min: -8, max: 100 }),
        fc.constantFrom(0 as const, 1 as const),
        fc.constantFrom("rne" as const, "rna" as const, "rtz" as const, "rup" as const, "rdn" as const),
        (sig, shift, sign, mode) => {
          const got = roundShiftRight(sig, shift, sign, mode);
          const x = mul(rat(sign ? -sig : sig), pow2(-shift));
          const want = roundToInteger(x, { mode });
          expect({ magnitude: got.magnitude, inexact: got.inexact }).toEqual({
            magnitude: want.value < 0n ? -want.value : want.value,
            inexact: want.inexact,
          });
        },
      ),
      { seed: 42, numRuns: 20000 },
    );
  });

  it("ties: exactly half goes to even (rne) or away (rna), in both signs", () => {
    for (const [sig, rne, rna] of [
      [5n, 2n, 3n],
      [7n, 4n, 4n],
      [1n, 0n, 1n],
      [3n, 2n, 2n],
    ] as const) {
      for (const sign of [0, 1] as const) {
        expect(roundShiftRight(sig, 1, sign, "rne").magnitude).toBe(rne);
        expect(roundShiftRight(sig, 1, sign, "rna").magnitude).toBe(rna);
      }
    }
  });

  it("shifts far beyond the significand stay cheap and exact", () => {
    expect(roundShiftRight(1n, 1e11, 0, "rne")).toEqual({ magnitude: 0n, inexact: true });
    expect(roundShiftRight(1n, 1e11, 0, "rna")).toEqual({ magnitude: 0n, inexact: true });
    expect(roundShiftRight(1n, 1e11, 0, "rup")).toEqual({ magnitude: 1n, inexact: true });
    expect(roundShiftRight(1n, 1e11, 1, "rdn")).toEqual({ magnitude: 1n, inexact: true });
    expect(roundShiftRight(3n, 2, 0, "stochastic", { rng: scriptedBits([0n]), bits: 8 })).toEqual({ magnitude: 0n, inexact: true });
  });

  it("stochastic without a generator is a bug (throws)", () => {
    expect(() => roundShiftRight(3n, 1, 0, "stochastic")).toThrow(RangeError);
  });

  it("stochastic: over all 2^r random values, exactly floor(frac·2^r) round up (PTX cvt.rs: r bits added below)", () => {
    fc.assert(
      fc.property(
        fc.bigInt(1n, (1n << 40n) - 1n),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(0 as const, 1 as const),
        (sig, shift, r, sign) => {
          const all = Array.from({ length: 2 ** r }, (_, v) => BigInt(v));
          const rng = scriptedBits(all);
          const kept = sig >> BigInt(shift);
          let ups = 0;
          for (let v = 0; v < all.length; v++) {
            const got = roundShiftRight(sig, shift, sign, "stochastic", { rng, bits: r });
            expect(got.magnitude === kept || got.magnitude === kept + 1n).toBe(true);
            if (got.magnitude === kept + 1n) ups++;
          }
          // The fraction of the way from the kept value to the next one, truncated to r bits.
          const frac = mul(rat(sig - (kept << BigInt(shift))), pow2(-shift));
          expect(BigInt(ups)).toBe(floor(mul(frac, pow2(r))));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
