// The registry: named formats carry the parameters of REFERENCES.md §1, aliases resolve, generic eXmY formats
// are checked exhaustively against the oracle, and impossible requests come back as reasons.
import { describe, expect, it } from "vitest";
import { decode, encode } from "../codec.js";
import { oracleDecode } from "../oracle/format-model.js";
import { buildGrid, fromUnits } from "../oracle/grid.js";
import { asValues, compareMany, DETERMINISTIC_MODES, gridPairs, optionGrid, pairPoints, showValue } from "../oracle/harness.js";
import { eq, pow2, rat } from "../oracle/rational.js";
import { rawToOracle, sameOracleValue } from "../oracle/raw-bridge.js";
import { REFERENCE_FORMATS } from "../oracle/reference-formats.js";
import type { ScalarFormat } from "./format.js";
import { allScalarNames, lookupScalar, nearestName, unknownFormatMessage } from "./registry.js";

const fmt = (name: string): ScalarFormat => {
  const r = lookupScalar(name);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

describe("named formats", () => {
  it.each(REFERENCE_FORMATS.map((r) => [r.id, r] as const))("%s has the parameters of REFERENCES.md §1", (id, ref) => {
    const f = fmt(id);
    expect(f.kind).toBe("float");
    if (f.kind !== "float") return;
    const { expBits, manBits, bias, signed, specials } = f;
    expect({ expBits, manBits, bias, signed, specials }).toEqual({
      expBits: ref.params.expBits,
      manBits: ref.params.manBits,
      bias: ref.params.bias,
      signed: ref.params.signed,
      specials: ref.params.specials,
    });
    expect(f.bits).toBe((signed ? 1 : 0) + expBits + manBits);
    expect(f.id).toBe(id);
  });

  it("ml_dtypes and common aliases resolve, ignoring case and blanks", () => {
    const aliases: [string, string][] = [
      ["float8_e4m3fn", "fp8-e4m3"],
      ["FP8", "fp8-e4m3"],
      ["float8_e5m2", "fp8-e5m2"],
      ["float8_e4m3fnuz", "fp8-e4m3fnuz"],
      ["float8_e5m2fnuz", "fp8-e5m2fnuz"],
      ["float8_e4m3b11fnuz", "fp8-e4m3b11fnuz"],
      ["float8_e4m3", "fp8-e4m3-ieee"],
      ["float8_e3m4", "fp8-e3m4"],
      ["float6_e2m3fn", "fp6-e2m3"],
      ["float6_e3m2fn", "fp6-e3m2"],
      ["float4_e2m1fn", "fp4-e2m1"],
      ["float8_e8m0fnu", "e8m0"],
      [" bfloat16 ", "bf16"],
      ["half", "fp16"],
      ["float32", "fp32"],
      ["double", "fp64"],
      ["i8", "int8"],
    ];
    for (const [alias, id] of aliases) expect(fmt(alias).id, alias).toBe(id);
    expect(new Set(allScalarNames()).size).toBe(allScalarNames().length); // no alias is claimed twice
  });

  it("integers: any width 2..64 (signed), 1..64 (unsigned), and -sym for signed only", () => {
    expect(fmt("int2")).toMatchObject({ kind: "int", bits: 2, signed: true, symmetric: false });
    expect(fmt("uint1")).toMatchObject({ kind: "int", bits: 1, signed: false });
    expect(fmt("int12-sym")).toMatchObject({ kind: "int", bits: 12, signed: true, symmetric: true });
    expect(fmt("uint64")).toMatchObject({ kind: "int", bits: 64, signed: false });
  });
});

describe("generic minifloats against the oracle (every code, every midpoint ± ε, all modes, both policies)", () => {
  const generic = [
    "e5m3-fn-unsigned", // the shape of ml_dtypes float8_e5m3fnu
    "e3m2-b3-finite",
    "e4m3-unsigned",
    "e2m5-b1-fn",
    "e4m0-fn",
    "e3m3-b-2-ieee",
    "e2m2-finite-unsigned",
    "e6m1",
    "fp9-e4m4-fnuz",
  ];
  it.each(generic)("%s", (name) => {
    const f = fmt(name);
    const g = buildGrid(f);
    for (let c = 0n; c < 1n << BigInt(f.bits); c++) {
      const got = rawToOracle(decode(f, c));
      const want = oracleDecode(f, c);
      expect(sameOracleValue(got, want), `0x${c.toString(16)}: ${showValue(got)} vs ${showValue(want)}`).toBe(true);
    }
    const pts = gridPairs(g).flatMap(([a, b]) => pairPoints(g, a, b, [40, 2]));
    const specials = [
      { cls: "nan", sign: 0 },
      { cls: "inf", sign: 1 },
      { cls: "zero", sign: 1 },
    ] as const;
    const r = compareMany(g, (x, o) => encode(f, x, o), [...asValues(pts), ...specials], optionGrid(DETERMINISTIC_MODES, ["non-saturating", "saturate"], ["nvidia", "ml_dtypes"]));
    expect({ count: r.count, first: r.mismatches }).toEqual({ count: 0, first: [] });
  });

  it("e5m3-fn-unsigned has ml_dtypes float8_e5m3fnu's range: max 114688, min normal 2^-14, min subnormal 2^-17", () => {
    const g = buildGrid(fmt("e5m3-fn-unsigned"));
    expect(eq(fromUnits(g, g.maxUnits), rat(114688n))).toBe(true);
    expect(eq(fromUnits(g, g.minNormalUnits), pow2(-14))).toBe(true);
    expect(eq(fromUnits(g, g.values[1]!), pow2(-17))).toBe(true);
  });

  it("a generic spelling of a named format gives the same parameters", () => {
    const pick = (f: ScalarFormat) => (f.kind === "float" ? [f.expBits, f.manBits, f.bias, f.signed, f.specials] : []);
    expect(pick(fmt("e4m3-b7-fn"))).toEqual(pick(fmt("fp8-e4m3")));
    expect(pick(fmt("e5m2"))).toEqual(pick(fmt("fp8-e5m2")));
    expect(pick(fmt("e4m3-b8-fnuz"))).toEqual(pick(fmt("fp8-e4m3fnuz")));
    expect(pick(fmt("e2m1-finite"))).toEqual(pick(fmt("fp4-e2m1")));
  });
});

describe("requests that cannot be met come back as reasons", () => {
  it.each([
    "int1",
    "int65",
    "uint0",
    "uint4-sym",
    "e0m3",
    "e12m3",
    "e5m53",
    "e1m3-ieee",
    "e3m0", // ieee by default: no fraction bit to mark NaN, which would encode as Inf
    "e5m0-ieee",
    "e4m3-fnuz-unsigned", // no −0 code to hold the NaN, which would encode as 2.0
    "",
    "fp7",
  ])("'%s'", (name) => {
    const r = lookupScalar(name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
  });

  it("unknown names suggest the nearest known one", () => {
    expect(nearestName("bfloat61", allScalarNames())).toBe("bfloat16");
    expect(nearestName("fp33", ["fp16", "fp32"])).toBe("fp32");
    expect(unknownFormatMessage("fp17", ["fp32", "fp16"])).toContain("did you mean 'fp16'");
    const r = lookupScalar("bfloat61");
    expect(r.ok ? "" : r.reason).toContain("bfloat16");
  });
});
