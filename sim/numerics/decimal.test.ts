// parseNumber / rawToDecimal / parseCode: literal cases, the sticky-bit contract checked exactly, end-to-end
// rounding of random decimals against the oracle (all modes) and against Number() for fp64, and round trips.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode } from "./codec.js";
import { NumberSyntaxError, parseCode, parseNumber, rawToDecimal } from "./decimal.js";
import { toFloat64 } from "./float64.js";
import type { ScalarFormat } from "./formats/format.js";
import { lookupScalar } from "./formats/registry.js";
import type { OracleGrid } from "./oracle/grid.js";
import { buildGrid } from "./oracle/grid.js";
import { DETERMINISTIC_MODES } from "./oracle/harness.js";
import type { Rational } from "./oracle/rational.js";
import { abs, cmp, eq, isDyadic, mul, parseDecimalRational, pow2, rat, sub } from "./oracle/rational.js";
import { oracleToRaw, rawToOracle, sameOracleValue } from "./oracle/raw-bridge.js";
import { oracleEncode } from "./oracle/round.js";
import type { Raw } from "./raw.js";

const fmt = (name: string): ScalarFormat => {
  const r = lookupScalar(name);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};
const valueOf = (x: Raw): Rational => {
  const v = rawToOracle(x);
  if (v.cls !== "finite") throw new Error(`expected a finite value, got ${v.cls}`);
  return v.value;
};

describe("parseNumber: literal cases", () => {
  const fp32 = fmt("fp32");
  it("0.1 rounds to fp32 0x3dcccccd (and −0.1 to 0xbdcccccd)", () => {
    expect(encode(fp32, parseNumber("0.1")).code).toBe(0x3dcccccdn);
    expect(encode(fp32, parseNumber("-0.1")).code).toBe(0xbdcccccdn);
    expect(encode(fp32, parseNumber("1e-45")).code).toBe(1n); // above half of 2^-149 ≈ 1.4e-45
  });

  it("fp32 overflow threshold written in decimal: max + ulp/2 = 2^128 − 2^103 ties up to Inf, one less stays max", () => {
    expect(encode(fp32, parseNumber("340282356779733661637539395458142568448")).code).toBe(0x7f800000n);
    expect(encode(fp32, parseNumber("340282356779733661637539395458142568447")).code).toBe(0x7f7fffffn);
    expect(encode(fp32, parseNumber("340282346638528859811704183484516925440")).flags.inexact).toBe(false);
  });

  it("hex floats are exact", () => {
    expect(eq(valueOf(parseNumber("0x1.8p-3")), rat(3n, 16n))).toBe(true);
    expect(eq(valueOf(parseNumber("-0x.8p1")), rat(-1n))).toBe(true);
    expect(eq(valueOf(parseNumber("0XA.Cp+0")), rat(43n, 4n))).toBe(true);
    expect(encode(fp32, parseNumber("0x1p-149")).code).toBe(1n);
    expect(encode(fp32, parseNumber("0x1.fffffep127")).code).toBe(0x7f7fffffn);
    expect(parseNumber("-0x0p0")).toEqual({ cls: "zero", sign: 1 });
  });

  it("inf and nan spellings, signs and surrounding blanks", () => {
    for (const s of ["inf", "+inf", "Inf", "INFINITY", "infinity", " inf "]) expect(parseNumber(s)).toEqual({ cls: "inf", sign: 0 });
    for (const s of ["-inf", "-Infinity"]) expect(parseNumber(s)).toEqual({ cls: "inf", sign: 1 });
    for (const s of ["nan", "NaN", "+nan"]) expect(parseNumber(s)).toEqual({ cls: "nan", sign: 0 });
    expect(parseNumber("-nan")).toEqual({ cls: "nan", sign: 1 });
    expect(parseNumber("-0")).toEqual({ cls: "zero", sign: 1 });
    expect(parseNumber("0.000")).toEqual({ cls: "zero", sign: 0 });
    expect(eq(valueOf(parseNumber(" 1.5 ")), rat(3n, 2n))).toBe(true);
    expect(eq(valueOf(parseNumber(".5e1")), rat(5n))).toBe(true);
    expect(eq(valueOf(parseNumber("7.")), rat(7n))).toBe(true);
  });

  it("garbage is rejected with NumberSyntaxError", () => {
    const garbage = ["", " ", "abc", "1.2.3", "1e", "e5", "0x", "0x1p", "--1", "+-1", "-+inf", "1,5", "0x1.8q3", "infinityx", "nan1", "1e5.5", ".", "1_000", "0b101", "0x1.8p", "1e+", "١"];
    for (const s of garbage) expect(() => parseNumber(s), s).toThrow(NumberSyntaxError);
  });

  it("many digits before a large negative exponent are not clamped away", () => {
    // 10^2500 · 10^-2500 = 1: the clamp must look at the value's size, not the exponent alone.
    expect(eq(valueOf(parseNumber("1" + "0".repeat(2500) + "e-2500")), rat(1n))).toBe(true);
    expect(eq(valueOf(parseNumber("0." + "0".repeat(2500) + "1e2501")), rat(1n))).toBe(true);
    const tiny = parseNumber("123e-2200");
    expect(tiny.cls).toBe("finite");
    expect(encode(fmt("fp64"), tiny)).toEqual({ code: 0n, flags: { inexact: true, overflow: false, underflow: true, invalid: false } });
    expect(encode(fmt("fp64"), parseNumber("1e2200")).code).toBe(0x7ff0000000000000n);
  });
});

/** Random decimal strings: 1..30 digits, a decimal point somewhere (or none), exponent in [eLo, eHi]. */
function arbDecimal(eLo: number, eHi: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom("", "-", "+"),
      fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: 1, maxLength: 30 }),
      fc.nat(31),
      fc.integer({ min: eLo, max: eHi }),
      fc.boolean(),
    )
    .map(([s, digits, dot, e, withExp]) => {
      const at = Math.min(dot, digits.length);
      const body = at === digits.length ? digits : `${digits.slice(0, at)}.${digits.slice(at)}`;
      return `${s}${body}${withExp ? `e${e}` : ""}`;
    });
}

describe("parseNumber: random decimals (fast-check)", () => {
  it("dyadic decimals are exact; the rest keep ≥ 80 bits and a sticky bit, strictly inside the sticky interval", () => {
    fc.assert(
      fc.property(arbDecimal(-400, 400), (s) => {
        const exact = parseDecimalRational(s)!;
        const x = parseNumber(s);
        if (exact.n === 0n) {
          expect(x.cls).toBe("zero");
          return;
        }
        if (x.cls !== "finite") throw new Error(`'${s}' parsed to ${x.cls}`);
        const v = valueOf(x);
        if (isDyadic(exact)) {
          expect(eq(v, exact)).toBe(true);
          return;
        }
        // v = sig·2^e with sig odd (the sticky bit) and ≥ 81 bits; the exact value lies strictly between
        // (sig−1)·2^e and (sig+1)·2^e, so any rounding to ≤ 79 bits sees the same side of every grid point.
        expect(x.sig & 1n).toBe(1n);
        expect(x.sig.toString(2).length).toBeGreaterThanOrEqual(81);
        const step = pow2(x.exp);
        expect(cmp(abs(sub(exact, v)), step)).toBe(-1);
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  const grids: [string, OracleGrid][] = ["fp16", "bf16", "fp8-e4m3", "fp8-e5m2"].map((n) => [n, buildGrid(fmt(n))]);
  it.each(grids)("%s: encode(parseNumber(s)) equals the oracle's rounding of the exact decimal, all modes", (name, g) => {
    const f = fmt(name);
    fc.assert(
      fc.property(arbDecimal(-50, 45), fc.constantFrom(...DETERMINISTIC_MODES), (s, mode) => {
        const exact = parseDecimalRational(s)!;
        const x = exact.n === 0n ? ({ cls: "zero", sign: s.startsWith("-") ? 1 : 0 } as const) : ({ cls: "finite", value: exact } as const);
        const want = oracleEncode(g, x, { rounding: { mode }, overflow: "non-saturating", infSaturation: "nvidia" });
        expect(encode(f, parseNumber(s), { rounding: mode })).toEqual({ code: want.code, flags: want.flags });
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it("fp64: toFloat64(parseNumber(s)) equals Number(s) (ECMAScript rounds decimal strings to nearest even)", () => {
    fc.assert(
      fc.property(arbDecimal(-360, 330), (s) => {
        expect(Object.is(toFloat64(parseNumber(s)), Number(s))).toBe(true);
      }),
      { seed: 42, numRuns: 5000 },
    );
  });
});

describe("rawToDecimal", () => {
  it("prints exact decimals and the special spellings", () => {
    expect(rawToDecimal({ cls: "finite", sign: 0, sig: 1n, exp: -3 })).toBe("0.125");
    expect(rawToDecimal({ cls: "finite", sign: 1, sig: 12n, exp: 2 })).toBe("-48");
    expect(rawToDecimal({ cls: "finite", sign: 0, sig: 6n, exp: -1 })).toBe("3");
    expect(rawToDecimal({ cls: "finite", sign: 0, sig: 1n, exp: -1074 })).toMatch(/^0\.0{323}49406564584124654417656879286822137236505980/);
    expect(rawToDecimal({ cls: "zero", sign: 1 })).toBe("-0");
    expect(rawToDecimal({ cls: "inf", sign: 1 })).toBe("-inf");
    expect(rawToDecimal({ cls: "nan", sign: 0 })).toBe("nan");
  });

  it("parseNumber(rawToDecimal(x)) is x exactly, for random dyadic values (fast-check)", () => {
    fc.assert(
      fc.property(fc.bigInt(1n, (1n << 100n) - 1n), fc.integer({ min: -1200, max: 1200 }), fc.boolean(), (sig, exp, neg) => {
        const x: Raw = { cls: "finite", sign: neg ? 1 : 0, sig, exp };
        const text = rawToDecimal(x);
        expect(sameOracleValue(rawToOracle(parseNumber(text)), rawToOracle(x))).toBe(true);
        // And the printed decimal is the exact value (checked with the oracle's own decimal reader).
        expect(eq(parseDecimalRational(text)!, mul(rat(neg ? -sig : sig), pow2(exp)))).toBe(true);
      }),
      { seed: 42, numRuns: 2000 },
    );
    for (const s of ["nan", "inf", "-inf", "-0", "0"]) expect(rawToDecimal(parseNumber(s))).toBe(s);
  });
});

describe("parseCode", () => {
  it("reads hex, binary and decimal codes and rejects anything else", () => {
    expect(parseCode("0x7E")).toBe(126n);
    expect(parseCode(" 0b0111 ")).toBe(7n);
    expect(parseCode("126")).toBe(126n);
    for (const s of ["", "0x", "0b2", "-1", "1.5", "7e", "0o7"]) expect(() => parseCode(s), s).toThrow(NumberSyntaxError);
  });
});

// Exact round trip of the oracle's own bridge, so that the checks above rest on it safely.
it("oracleToRaw/rawToOracle round-trip dyadic rationals", () => {
  const q = rat(-12345n, 1n << 40n);
  expect(eq(valueOf(oracleToRaw({ cls: "finite", value: q })), q)).toBe(true);
});
