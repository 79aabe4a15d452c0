// The registry: named formats carry the parameters of REFERENCES.md §1, aliases resolve, generic eXmY formats
// are checked exhaustively against the oracle, and impossible requests come back as reasons.
import { describe, expect, it } from "vitest";
import { decode, encode } from "../codec.js";
import { oracleDecode } from "../oracle/format-model.js";
import { buildGrid, fromUnits } from "../oracle/grid.js";
import { asValues, compareMany, DETERMINISTIC_MODES, gridPairs, optionGrid, pairPoints, showValue } from "../oracle/harness.js";
import { eq, pow2, rat } from "../oracle/rational.js";
import { rawToOracle, sameOracleValue } from "../oracle/raw-bridge.js";
import { codeBits, type OracleFormatParams } from "../oracle/format-model.js";
import { oracleParamsFromName } from "../oracle/format-names.js";
import { REFERENCE_FORMATS } from "../oracle/reference-formats.js";
import type { ScalarFormat } from "./format.js";
import { allScalarNames, lookupScalar, NAMED_FLOATS, nearestName, unknownFormatMessage } from "./registry.js";

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

  it("every named float has a hand-typed reference row, and every reference row a named float", () => {
    // Without this a new NAMED_FLOATS entry would be checked only against itself.
    expect(NAMED_FLOATS.map((n) => n.format.id).sort()).toEqual(REFERENCE_FORMATS.map((r) => r.id).sort());
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

/** The parameters the registry chose, in the oracle's shape (what the checks below compare). */
const paramsOf = (f: ScalarFormat): OracleFormatParams =>
  f.kind === "int"
    ? { kind: "int", bits: f.bits, signed: f.signed, symmetric: f.symmetric }
    : { kind: "float", expBits: f.expBits, manBits: f.manBits, bias: f.bias, signed: f.signed, specials: f.specials };

describe("generic and integer names have the parameters the name spells (not the registry's own reading)", () => {
  it("a hand table: width, signedness, symmetry, bias and specials typed in", () => {
    const hand: [string, OracleFormatParams][] = [
      ["uint1", { kind: "int", bits: 1, signed: false, symmetric: false }],
      ["int3", { kind: "int", bits: 3, signed: true, symmetric: false }],
      ["int5-sym", { kind: "int", bits: 5, signed: true, symmetric: true }],
      ["uint13", { kind: "int", bits: 13, signed: false, symmetric: false }],
      ["int24", { kind: "int", bits: 24, signed: true, symmetric: false }],
      ["int33-sym", { kind: "int", bits: 33, signed: true, symmetric: true }],
      ["uint64", { kind: "int", bits: 64, signed: false, symmetric: false }],
      ["int64", { kind: "int", bits: 64, signed: true, symmetric: false }],
      // bias 2^(E−1) − 1 by default: e6 → 31, e5 → 15, e3 → 3, e2 → 1, e11 → 1023
      ["e6m1", { kind: "float", expBits: 6, manBits: 1, bias: 31, signed: true, specials: "ieee" }],
      ["e5m3-fn-unsigned", { kind: "float", expBits: 5, manBits: 3, bias: 15, signed: false, specials: "fn" }],
      ["e3m3-b-2-ieee", { kind: "float", expBits: 3, manBits: 3, bias: -2, signed: true, specials: "ieee" }],
      ["e2m5-b1-fn", { kind: "float", expBits: 2, manBits: 5, bias: 1, signed: true, specials: "fn" }],
      ["fp9-e4m4-fnuz", { kind: "float", expBits: 4, manBits: 4, bias: 7, signed: true, specials: "fnuz" }],
      ["e4m3-b20-finite", { kind: "float", expBits: 4, manBits: 3, bias: 20, signed: true, specials: "finite" }],
      ["fp64-e11m52", { kind: "float", expBits: 11, manBits: 52, bias: 1023, signed: true, specials: "ieee" }],
      ["e8m0-fn-unsigned", { kind: "float", expBits: 8, manBits: 0, bias: 127, signed: false, specials: "fn" }],
    ];
    for (const [name, want] of hand) {
      expect(paramsOf(fmt(name)), name).toEqual(want);
      expect(oracleParamsFromName(name), `oracle parser: ${name}`).toEqual(want);
      expect(fmt(name).bits, name).toBe(codeBits(want));
    }
  });

  it("every integer width 1..64, signed, unsigned and -sym, against the oracle's separate parser", () => {
    const names = Array.from({ length: 64 }, (_, k) => k + 1).flatMap((n) => (n === 1 ? ["uint1"] : [`int${n}`, `uint${n}`, `int${n}-sym`]));
    expect(names).toHaveLength(1 + 63 * 3);
    for (const name of names) {
      const want = oracleParamsFromName(name);
      expect(paramsOf(fmt(name)), name).toEqual(want);
      expect(fmt(name).bits, name).toBe(codeBits(want));
    }
  });

  it("a spread of eXmY widths, biases, policies and signedness, against the oracle's separate parser", () => {
    const names: string[] = [];
    for (const e of [2, 3, 4, 5, 7, 8, 11]) {
      for (const m of [1, 2, 3, 7, 10, 23, 52]) {
        if (1 + e + m > 64) continue;
        names.push(`e${e}m${m}`, `fp${1 + e + m}-e${e}m${m}-fn`, `e${e}m${m}-b${e + m}-finite`, `e${e}m${m}-b-${m}-fnuz`, `e${e}m${m}-fn-unsigned`);
      }
    }
    names.push("e4m0-fn", "e5m0-finite", "e1m6-fn", "e1m0-finite-unsigned");
    // Bare e2m1, e4m3, e5m2 … are aliases of named formats (checked above against REFERENCE_FORMATS), not generic.
    const generic = names.filter((n) => !allScalarNames().includes(n));
    expect(generic.length).toBeGreaterThan(200);
    for (const name of generic) {
      const want = oracleParamsFromName(name);
      expect(paramsOf(fmt(name)), name).toEqual(want);
      expect(fmt(name).bits, name).toBe(codeBits(want));
    }
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
    const p = oracleParamsFromName(name); // the oracle's grid is built from the name, not from the registry's object
    const g = buildGrid(p);
    expect(f.bits).toBe(codeBits(p));
    for (let c = 0n; c < 1n << BigInt(codeBits(p)); c++) {
      const got = rawToOracle(decode(f, c));
      const want = oracleDecode(p, c);
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
    const g = buildGrid(oracleParamsFromName("e5m3-fn-unsigned"));
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
    "fp9-e9m9", // 1 + 9 + 9 = 19 bits, not 9
    "fp8-e5m2-unsigned", // 7 bits
    "fp7-e4m3", // 8 bits
  ])("'%s'", (name) => {
    const r = lookupScalar(name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
  });

  it("a stated width that contradicts the fields names both", () => {
    const r = lookupScalar("fp9-e9m9");
    expect(r.ok ? "" : r.reason).toMatch(/says 9 bits but its fields make 19/);
    expect(lookupScalar("fp9-e4m4-fnuz").ok).toBe(true); // 1 + 4 + 4 = 9
    expect(lookupScalar("fp6-e4m2-unsigned").ok).toBe(true); // no sign bit: 4 + 2 = 6
    expect(lookupScalar("fp7-e4m2-unsigned").ok).toBe(false);
  });

  it("unknown names suggest the nearest known one", () => {
    expect(nearestName("bfloat61", allScalarNames())).toBe("bfloat16");
    expect(nearestName("fp33", ["fp16", "fp32"])).toBe("fp32");
    expect(unknownFormatMessage("fp17", ["fp32", "fp16"])).toContain("did you mean 'fp16'");
    const r = lookupScalar("bfloat61");
    expect(r.ok ? "" : r.reason).toContain("bfloat16");
  });
});
