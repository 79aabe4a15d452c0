// float.ts helpers (largest, smallest and min-normal codes; field split) against the oracle's grid.
import { describe, expect, it } from "vitest";
import { oracleParamsFromName } from "../oracle/format-names.js";
import { buildGrid } from "../oracle/grid.js";
import type { FloatFormat } from "./format.js";
import { floatFields, maxFiniteCode, minNormalCode, minPositiveCode } from "./float.js";
import { lookupScalar } from "./registry.js";

const ffmt = (name: string): FloatFormat => {
  const r = lookupScalar(name);
  if (!r.ok || r.format.kind !== "float") throw new Error(`${name} is not a float format`);
  return r.format;
};

const NAMES = ["fp8-e4m3", "fp8-e5m2", "fp8-e4m3fnuz", "fp8-e5m2fnuz", "fp8-e4m3b11fnuz", "fp8-e4m3-ieee", "fp8-e3m4", "fp6-e2m3", "fp6-e3m2", "fp4-e2m1", "e8m0", "fp16", "bf16", "e5m3-fn-unsigned"];

describe.each(NAMES)("%s", (name) => {
  const f = ffmt(name);
  const g = buildGrid(oracleParamsFromName(name));
  it("maxFiniteCode is the code of ±max", () => {
    expect(maxFiniteCode(f, 0)).toBe(g.codeOf(g.maxUnits));
    if (f.signed) expect(maxFiniteCode(f, 1)).toBe(g.codeOf(-g.maxUnits));
  });
  it("minPositiveCode and minNormalCode are the codes of the smallest positive and smallest normal values", () => {
    expect(minPositiveCode(f)).toBe(g.codeOf(g.values.find((v) => v > 0n)!));
    expect(minNormalCode(f)).toBe(g.codeOf(g.minNormalUnits));
  });
});

describe("floatFields", () => {
  it("splits sign, biased exponent and fraction", () => {
    expect(floatFields(ffmt("fp8-e5m2"), 0b1_10101_11n)).toEqual({ sign: 1, biasedExp: 0b10101, fraction: 0b11n });
    expect(floatFields(ffmt("fp32"), 0x3dcccccdn)).toEqual({ sign: 0, biasedExp: 123, fraction: 0x4ccccdn });
    expect(floatFields(ffmt("e8m0"), 0xfen)).toEqual({ sign: 0, biasedExp: 254, fraction: 0n });
  });
});
