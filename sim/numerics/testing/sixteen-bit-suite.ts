// Test-only: the exhaustive oracle suite for one 16-bit float format, shared by codec-fp16 and codec-bf16 (kept as
// two files so vitest runs them in parallel). RNE at every midpoint and midpoint ± 2^-40·gap; the other four modes
// at a seeded random 20%; both overflow policies and every mode on the four gaps at each end.
import { expect, it } from "vitest";
import { createPrng } from "../../prng.js";
import { decode, encode } from "../codec.js";
import { lookupScalar } from "../formats/registry.js";
import type { CodecUnderTest } from "../oracle/exhaustive.js";
import { decodeMismatches, midpointMismatches, roundTripMismatches } from "../oracle/exhaustive.js";
import { oracleParamsFromName } from "../oracle/format-names.js";
import { buildGrid } from "../oracle/grid.js";

export function sixteenBitFloatSuite(id: string): void {
  const found = lookupScalar(id);
  if (!found.ok) throw new Error(found.reason);
  const f = found.format;
  const g = buildGrid(oracleParamsFromName(id)); // REFERENCE_FORMATS' row, not the registry's object
  const codec: CodecUnderTest = { decode: (c) => decode(f, c), encode: (x, o) => encode(f, x, o) };

  it("decode of every code equals the oracle's value", () => {
    expect(decodeMismatches(g, codec)).toEqual([]);
  });

  it("encode(decode(code)) is the code with no flags (RNE, RUP); NaN codes give the canonical NaN", () => {
    expect(roundTripMismatches(g, codec, ["rne", "rup"])).toEqual([]);
  });

  it("every midpoint ± ε: RNE everywhere, RTZ/RNA/RUP/RDN at a seeded 20%, both policies at the ends", () => {
    const rng = createPrng(16);
    const r = midpointMismatches(g, codec, {
      everywhere: ["rne"],
      sampled: ["rtz", "rna", "rup", "rdn"],
      sample: (pts) => pts.filter(() => rng.nextFloat64() < 0.2),
      policy: "non-saturating",
      endPairs: 4,
      epsShifts: [40],
    });
    expect(r.checked).toBeGreaterThan(300_000); // ~190k points at RNE plus 20% of them in four more modes
    expect({ count: r.count, first: r.first }).toEqual({ count: 0, first: [] });
  });
}
