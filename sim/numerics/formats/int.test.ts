// int.ts: limits against the oracle's grid, two's-complement value/code round trips and wrapping.
import { describe, expect, it } from "vitest";
import { oracleParamsFromName } from "../oracle/format-names.js";
import { buildGrid } from "../oracle/grid.js";
import type { IntFormat } from "./format.js";
import { decodeInt, intCode, intMax, intMin, intValue } from "./int.js";
import { lookupScalar } from "./registry.js";

const ifmt = (name: string): IntFormat => {
  const r = lookupScalar(name);
  if (!r.ok || r.format.kind !== "int") throw new Error(`${name} is not an integer format`);
  return r.format;
};

const NAMES = ["int2", "int3", "int4", "int8", "int12", "int16", "uint1", "uint4", "uint8", "int4-sym", "int8-sym", "int16-sym"];

describe.each(NAMES)("%s", (name) => {
  const f = ifmt(name);
  it("intMax/intMin are the ends of the oracle's grid (−max for -sym)", () => {
    const g = buildGrid(oracleParamsFromName(name));
    expect(intMax(f)).toBe(g.maxUnits);
    expect(intMin(f)).toBe(g.minUnits);
  });
  it("intCode(intValue(code)) = code for every code; decodeInt agrees with intValue", () => {
    const bad: bigint[] = [];
    for (let c = 0n; c < 1n << BigInt(f.bits); c++) {
      const v = intValue(f, c);
      const d = decodeInt(f, c);
      const dv = d.cls === "zero" ? 0n : d.cls === "finite" ? (d.sign ? -d.sig : d.sig) << BigInt(d.exp) : null;
      if (intCode(f, v) !== c || dv !== v) bad.push(c);
    }
    expect(bad).toEqual([]);
  });
});

describe("wrapping and range checks", () => {
  it("intCode wraps modulo 2^bits", () => {
    expect(intCode(ifmt("int8"), 300n)).toBe(44n);
    expect(intCode(ifmt("int8"), -129n)).toBe(127n);
    expect(intCode(ifmt("uint4"), -1n)).toBe(15n);
  });
  it("intValue rejects codes wider than the format", () => {
    expect(() => intValue(ifmt("int4"), 16n)).toThrow(RangeError);
    expect(() => intValue(ifmt("int4"), -1n)).toThrow(RangeError);
  });
  it("64-bit limits", () => {
    expect(intMax(ifmt("int64"))).toBe((1n << 63n) - 1n);
    expect(intMin(ifmt("int64"))).toBe(-(1n << 63n));
    expect(intMax(ifmt("uint64"))).toBe((1n << 64n) - 1n);
  });
});
