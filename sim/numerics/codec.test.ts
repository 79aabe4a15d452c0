// Exhaustive checks of decode/encode against the independent rational oracle (sim/numerics/oracle) for every
// named format of 8 bits or fewer and integers up to 8 bits. fp16, bf16 and int9..int16 live in codec-16bit.test.ts.
import { describe, expect, it } from "vitest";
import { decode, encode, convert } from "./codec.js";
import type { ScalarFormat } from "./formats/format.js";
import { lookupScalar, NAMED_FLOATS } from "./formats/registry.js";
import { codeBits, oracleDecode } from "./oracle/format-model.js";
import { oracleParamsFromName } from "./oracle/format-names.js";
import type { OracleGrid } from "./oracle/grid.js";
import { buildGrid } from "./oracle/grid.js";
import type { EncodeUnderTest } from "./oracle/harness.js";
import { asValues, compareMany, DETERMINISTIC_MODES, gridPairs, optionGrid, pairPoints, showValue } from "./oracle/harness.js";
import { rawToOracle, sameOracleValue } from "./oracle/raw-bridge.js";
import { oracleEncode } from "./oracle/round.js";

const fmt = (name: string): ScalarFormat => {
  const r = lookupScalar(name);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

/** Every named float of 8 bits or fewer (derived, so a newly named format is tested without editing this list). */
const SMALL_FLOATS = NAMED_FLOATS.filter((n) => n.format.bits <= 8).map((n) => n.format.id);
const INTS = [
  ...Array.from({ length: 7 }, (_, k) => `int${k + 2}`),
  "uint1",
  "uint4",
  "uint8",
  "int4-sym",
  "int8-sym",
];

const encoderFor = (f: ScalarFormat): EncodeUnderTest => (x, o) => encode(f, x, o);
const allOptions = optionGrid(DETERMINISTIC_MODES, ["non-saturating", "saturate"], ["nvidia", "ml_dtypes"]);

function expectNoMismatch(r: ReturnType<typeof compareMany>): void {
  expect(r.checked).toBeGreaterThan(0);
  expect({ count: r.count, first: r.mismatches }).toEqual({ count: 0, first: [] });
}

describe.each([...SMALL_FLOATS, ...INTS])("%s", (name) => {
  const f = fmt(name);
  // The oracle reads the parameters from the name (REFERENCE_FORMATS for named floats), not from the registry's object.
  const p = oracleParamsFromName(name);
  const g: OracleGrid = buildGrid(p);
  const codes = Array.from({ length: 2 ** codeBits(p) }, (_, c) => BigInt(c));

  it("decode of every code equals the oracle's value (class, sign and exact rational)", () => {
    const bad: string[] = [];
    for (const c of codes) {
      const got = rawToOracle(decode(f, c));
      const want = oracleDecode(p, c);
      if (!sameOracleValue(got, want)) bad.push(`0x${c.toString(16)}: got ${showValue(got)} want ${showValue(want)}`);
    }
    expect(bad).toEqual([]);
    expect(() => decode(f, 1n << BigInt(f.bits))).toThrow(RangeError);
    expect(() => decode(f, -1n)).toThrow(RangeError);
  });

  it("encode(decode(code)) gives the code back, exactly and with no flags, in every mode and policy", () => {
    const bad: string[] = [];
    for (const c of codes) {
      const v = oracleDecode(p, c);
      if (v.cls === "nan") continue;
      // The one code a format never produces: intN-sym's −2^(N−1) (it decodes literally, and encodes to −max).
      if (p.kind === "int" && p.symmetric && c === 1n << BigInt(p.bits - 1)) continue;
      for (const o of allOptions) {
        const e = encode(f, decode(f, c), { rounding: o.rounding.mode as "rne", overflow: o.overflow, infSaturation: o.infSaturation });
        const clean = !e.flags.inexact && !e.flags.overflow && !e.flags.underflow && !e.flags.invalid;
        // Inf codes come back as Inf unless nvidia-style saturation maps them to ±max (checked against the oracle below).
        if (v.cls === "inf" && o.overflow === "saturate" && o.infSaturation === "nvidia") continue;
        if (e.code !== c || !clean) bad.push(`0x${c.toString(16)} ${o.rounding.mode}/${o.overflow}: 0x${e.code.toString(16)}`);
      }
    }
    expect(bad).toEqual([]);
    expectNoMismatch(compareMany(g, encoderFor(f), codes.map((c) => oracleDecode(p, c)), allOptions));
  });

  it("every midpoint, and ±ε (2^-40 and 2^-2 of the gap) around it, in all five modes, matches the oracle", () => {
    const pts = gridPairs(g).flatMap(([a, b]) => pairPoints(g, a, b, [40, 2]));
    const opts = optionGrid(DETERMINISTIC_MODES, ["non-saturating", "saturate"]);
    expectNoMismatch(compareMany(g, encoderFor(f), asValues(pts), opts));
  });
});

describe("NaN codes: canonical NaN handling", () => {
  it.each(SMALL_FLOATS)("%s: every NaN code re-encodes to the canonical NaN of its sign (payloads are not kept)", (name) => {
    const f = fmt(name);
    const p = oracleParamsFromName(name);
    const g = buildGrid(p);
    for (let c = 0n; c < 1n << BigInt(codeBits(p)); c++) {
      const v = oracleDecode(p, c);
      if (v.cls !== "nan") continue;
      const e = encode(f, decode(f, c));
      expect(e.code).toBe(g.canonicalNaN(v.sign));
      expect(e.flags).toEqual({ inexact: false, overflow: false, underflow: false, invalid: false });
    }
  });

  it("fp8-e5m2: 0x7d and 0x7f (signalling / other payloads) become the quiet 0x7e; 0xfd becomes 0xfe", () => {
    const f = fmt("fp8-e5m2");
    expect(encode(f, decode(f, 0x7dn)).code).toBe(0x7en);
    expect(encode(f, decode(f, 0x7fn)).code).toBe(0x7en);
    expect(encode(f, decode(f, 0xfdn)).code).toBe(0xfen);
  });
});

describe("convert: code to code through one exact decode", () => {
  it("every fp8-e4m3 code converted to each small float matches the oracle encoding of its value", () => {
    const from = fmt("fp8-e4m3");
    for (const name of SMALL_FLOATS) {
      const to = fmt(name);
      const g = buildGrid(oracleParamsFromName(name));
      for (let c = 0n; c < 256n; c++) {
        const want = oracleEncode(g, oracleDecode(oracleParamsFromName("fp8-e4m3"), c), { rounding: { mode: "rne" }, overflow: "saturate", infSaturation: "nvidia" });
        const got = convert(from, to, c, { overflow: "saturate" });
        expect({ name, c, code: got.code, flags: got.flags }).toEqual({ name, c, code: want.code, flags: want.flags });
      }
    }
  });
});
