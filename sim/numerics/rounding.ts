import type { Prng } from "../prng.js";
import type { Sign } from "./raw.js";
import { bitLength } from "./raw.js";

/** Rounding modes (IEEE 754-2019 §4.3 plus stochastic rounding as in PTX `cvt.rs`). */
export type RoundingMode = "rne" | "rtz" | "rna" | "rup" | "rdn" | "stochastic";
export const ROUNDING_MODES: readonly RoundingMode[] = ["rne", "rtz", "rna", "rup", "rdn", "stochastic"];

/** How stochastic rounding draws its randomness: r bits from a seeded generator. */
export interface StochasticSource {
  rng: Prng;
  /** Random bits added below the kept bits (PTX cvt.rs uses the dropped bits' top r). */
  bits: number;
}

export interface RoundedInteger {
  /** |x| / 2^shift rounded to an integer magnitude. */
  magnitude: bigint;
  inexact: boolean;
}

/**
 * Round sig / 2^shift to an integer (shift ≥ 0), honouring the sign for directed modes.
 * This is the guard/sticky step of round-and-pack: guard = the bit at shift-1, sticky = OR of the rest.
 * Stochastic: the top r dropped bits plus r random bits carry into the kept part (PTX ISA §9.7.9.21 cvt.rs).
 */
export function roundShiftRight(
  sig: bigint,
  shift: number,
  sign: Sign,
  mode: RoundingMode,
  stochastic?: StochasticSource,
): RoundedInteger {
  if (shift <= 0) return { magnitude: sig << BigInt(-shift), inexact: false };
  const s = BigInt(shift);
  const kept = sig >> s;
  const rem = sig - (kept << s);
  if (rem === 0n) return { magnitude: kept, inexact: false };
  let up: boolean;
  switch (mode) {
    case "rtz":
      up = false;
      break;
    case "rup":
      up = sign === 0;
      break;
    case "rdn":
      up = sign === 1;
      break;
    case "rna":
    case "rne": {
      // rem < 2^(shift-1) when it has fewer than `shift` bits; for long shifts decide that first rather than
      // build a 2^(shift-1) bigint, which past ~1e9 bits (hex input 0x1p-99999999999) throws RangeError.
      if (shift > 1024 && bitLength(rem) < shift) {
        up = false;
        break;
      }
      const half = 1n << (s - 1n);
      if (rem > half) up = true;
      else if (rem < half) up = false;
      else up = mode === "rna" ? true : (kept & 1n) === 1n;
      break;
    }
    case "stochastic": {
      if (!stochastic) throw new RangeError("stochastic rounding needs a seeded PRNG (pass a seed)");
      const r = stochastic.bits;
      const top = shift >= r ? rem >> BigInt(shift - r) : rem << BigInt(r - shift);
      up = top + stochastic.rng.nextBits(r) >= 1n << BigInt(r);
      break;
    }
  }
  return { magnitude: up ? kept + 1n : kept, inexact: true };
}
