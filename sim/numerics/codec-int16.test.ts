// Exhaustive oracle checks for integers of 9..16 bits and uint16: every code decoded, every code round-tripped
// (RNE and RUP), every midpoint k + 1/2 and k + 1/2 ± 2^-40 against the oracle (int2..int8: codec.test.ts).
// Runtime budget: RNE runs at every point; the other four modes run at every point for int9..int12 and at a
// seeded random 20% of the points for int13..int16 and uint16. Saturate (the integer default) runs everywhere,
// wrapping on the four gaps at each end, where it matters.
import { describe, expect, it } from "vitest";
import { createPrng } from "../prng.js";
import { decode, encode } from "./codec.js";
import { lookupScalar } from "./formats/registry.js";
import type { CodecUnderTest } from "./oracle/exhaustive.js";
import { decodeMismatches, midpointMismatches, roundTripMismatches } from "./oracle/exhaustive.js";
import { oracleParamsFromName } from "./oracle/format-names.js";
import { buildGrid } from "./oracle/grid.js";

const CASES: { name: string; sampleOthers: number }[] = [
  ...[9, 10, 11, 12].map((n) => ({ name: `int${n}`, sampleOthers: 1 })),
  ...[13, 14, 15, 16].map((n) => ({ name: `int${n}`, sampleOthers: 0.2 })),
  { name: "uint16", sampleOthers: 0.2 },
];

describe.each(CASES)("$name", ({ name, sampleOthers }) => {
  const found = lookupScalar(name);
  if (!found.ok) throw new Error(found.reason);
  const f = found.format;
  const g = buildGrid(oracleParamsFromName(name)); // from the name, not from the registry's object
  const codec: CodecUnderTest = { decode: (c) => decode(f, c), encode: (x, o) => encode(f, x, o) };

  it("decode of every code equals the oracle's value", () => {
    expect(decodeMismatches(g, codec)).toEqual([]);
  });

  it("encode(decode(code)) is the code with no flags (RNE, RUP)", () => {
    expect(roundTripMismatches(g, codec, ["rne", "rup"])).toEqual([]);
  });

  it(`every midpoint ± ε: RNE everywhere, other modes at ${sampleOthers * 100}% (seed 16)`, () => {
    const rng = createPrng(16);
    const r = midpointMismatches(g, codec, {
      everywhere: ["rne"],
      sampled: ["rtz", "rna", "rup", "rdn"],
      sample: (pts) => (sampleOthers >= 1 ? pts : pts.filter(() => rng.nextFloat64() < sampleOthers)),
      policy: "saturate",
      endPairs: 4,
      epsShifts: [40],
    });
    expect(r.checked).toBeGreaterThan(0);
    expect({ count: r.count, first: r.first }).toEqual({ count: 0, first: [] });
  });
});
