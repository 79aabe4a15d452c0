// round-pack: overflow/underflow edges and special values against the oracle, the conventions written out by hand,
// and fast-check properties (agreement with the oracle on random values, monotonicity, idempotence).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decode, encode } from "./codec.js";
import type { ScalarFormat } from "./formats/format.js";
import { lookupScalar, NAMED_FLOATS } from "./formats/registry.js";
import type { OracleValue } from "./oracle/format-model.js";
import type { OracleGrid } from "./oracle/grid.js";
import { buildGrid, fromUnits } from "./oracle/grid.js";
import type { EncodeUnderTest } from "./oracle/harness.js";
import { asValues, compareMany, DETERMINISTIC_MODES, optionGrid } from "./oracle/harness.js";
import type { Rational } from "./oracle/rational.js";
import { add, cmp, mul, neg, pow2, rat, sub } from "./oracle/rational.js";
import { rawToOracle } from "./oracle/raw-bridge.js";
import type { Raw } from "./raw.js";
import type { EncodeOptions, Flags } from "./round-pack.js";
import type { RoundingMode } from "./rounding.js";

const fmt = (name: string): ScalarFormat => {
  const r = lookupScalar(name);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};
const encoderFor = (f: ScalarFormat): EncodeUnderTest => (x, o) => encode(f, x, o);
/** Every named float of 16 bits or fewer (derived from the registry). */
const FLOATS = NAMED_FLOATS.filter((n) => n.format.bits <= 16).map((n) => n.format.id);
const INTS = ["int8", "uint8", "int8-sym", "int4", "int16"];
const ALL_OPTIONS = optionGrid(DETERMINISTIC_MODES, ["non-saturating", "saturate"], ["nvidia", "ml_dtypes"]);
const grids = new Map<string, OracleGrid>();
const gridOf = (name: string): OracleGrid => {
  if (!grids.has(name)) grids.set(name, buildGrid(fmt(name)));
  return grids.get(name)!;
};
const noMismatch = (r: ReturnType<typeof compareMany>) => {
  expect(r.checked).toBeGreaterThan(0);
  expect({ count: r.count, first: r.mismatches }).toEqual({ count: 0, first: [] });
};
const flags = (...on: (keyof Flags)[]): Flags => ({
  inexact: on.includes("inexact"),
  overflow: on.includes("overflow"),
  underflow: on.includes("underflow"),
  invalid: on.includes("invalid"),
});
const finiteRaw = (sign: 0 | 1, sig: bigint, exp: number): Raw => ({ cls: "finite", sign, sig, exp });
const NAN: Raw = { cls: "nan", sign: 0 };
const NEG_NAN: Raw = { cls: "nan", sign: 1 };
const INF: Raw = { cls: "inf", sign: 0 };
const NEG_INF: Raw = { cls: "inf", sign: 1 };
const ZERO: Raw = { cls: "zero", sign: 0 };
const NEG_ZERO: Raw = { cls: "zero", sign: 1 };

/** Overflow edges (max, max + ulp/2, max + ulp, far beyond) and underflow edges, each ± a tiny ε, both signs. */
function edgePoints(g: OracleGrid): Rational[] {
  const u = (k: bigint) => fromUnits(g, k);
  const max = u(g.maxUnits);
  const ulp = u(g.ulpMaxUnits);
  const minPos = u(g.values.find((v) => v > 0n)!);
  const around = (x: Rational, eps: Rational) => [x, add(x, eps), sub(x, eps)];
  const epsHi = mul(ulp, pow2(-50));
  const epsLo = mul(minPos, pow2(-50));
  const half = rat(1n, 2n);
  const pts: Rational[] = [
    ...around(max, epsHi),
    ...around(add(max, mul(ulp, half)), epsHi),
    ...around(add(max, ulp), epsHi),
    mul(max, rat(2n)),
    mul(max, pow2(64)),
    mul(max, pow2(5000)),
  ];
  if (g.params.kind === "float") {
    const minNormal = u(g.minNormalUnits);
    pts.push(
      ...around(mul(minPos, half), epsLo),
      ...around(minPos, epsLo),
      mul(minPos, rat(3n, 2n)),
      mul(minPos, rat(1n, 4n)),
      mul(minPos, pow2(-200)),
      ...around(minNormal, epsLo),
      ...around(sub(minNormal, mul(minPos, half)), epsLo),
    );
  }
  return [...pts, ...pts.map(neg)];
}

describe("overflow and underflow edges match the oracle in every mode, policy and Inf convention", () => {
  it.each([...FLOATS, ...INTS])("%s", (name) => {
    const g = gridOf(name);
    noMismatch(compareMany(g, encoderFor(fmt(name)), asValues(edgePoints(g)), ALL_OPTIONS));
  });
});

describe("special inputs (±NaN, ±Inf, ±0) match the oracle under every option set", () => {
  const specials: OracleValue[] = [NAN, NEG_NAN, INF, NEG_INF, ZERO, NEG_ZERO] as OracleValue[];
  it.each([...FLOATS, ...INTS])("%s", (name) => {
    noMismatch(compareMany(gridOf(name), encoderFor(fmt(name)), specials, ALL_OPTIONS));
  });
});

describe("conventions, written out by hand (REFERENCES.md §2)", () => {
  const e4m3 = fmt("fp8-e4m3");
  const e5m2 = fmt("fp8-e5m2");
  const sat: EncodeOptions = { overflow: "saturate" };
  const big = finiteRaw(0, 1n, 20); // 2^20: beyond every fp8 max

  it("finite overflow: NaN for E4M3, Inf for E5M2, 0x80 for fnuz; ±max when saturating", () => {
    expect(encode(e4m3, big)).toEqual({ code: 0x7fn, flags: flags("inexact", "overflow") });
    expect(encode(e5m2, big)).toEqual({ code: 0x7cn, flags: flags("inexact", "overflow") });
    expect(encode(e5m2, { ...big, sign: 1 } as Raw).code).toBe(0xfcn);
    expect(encode(fmt("fp8-e4m3fnuz"), big).code).toBe(0x80n);
    expect(encode(fmt("fp8-e5m2fnuz"), { ...big, sign: 1 } as Raw).code).toBe(0x80n);
    expect(encode(e4m3, big, sat)).toEqual({ code: 0x7en, flags: flags("inexact", "overflow") });
    expect(encode(e5m2, { ...big, sign: 1 } as Raw, sat).code).toBe(0xfbn);
    expect(encode(fmt("fp8-e4m3fnuz"), big, sat).code).toBe(0x7fn);
  });

  it("directed modes that round toward zero give ±max on overflow, the others ±Inf (IEEE 754 §7.4)", () => {
    expect(encode(e5m2, big, { rounding: "rtz" }).code).toBe(0x7bn);
    expect(encode(e5m2, big, { rounding: "rdn" }).code).toBe(0x7bn);
    expect(encode(e5m2, big, { rounding: "rup" }).code).toBe(0x7cn);
    const negBig = { ...big, sign: 1 } as Raw;
    expect(encode(e5m2, negBig, { rounding: "rup" }).code).toBe(0xfbn);
    expect(encode(e5m2, negBig, { rounding: "rdn" }).code).toBe(0xfcn);
    expect(encode(e5m2, negBig, { rounding: "rup" }).flags).toEqual(flags("inexact", "overflow"));
  });

  it("E4M3: 464 ties to 448; E5M2: 61440 ties up into overflow", () => {
    expect(encode(e4m3, finiteRaw(0, 464n, 0))).toEqual({ code: 0x7en, flags: flags("inexact") });
    expect(encode(e5m2, finiteRaw(0, 61440n, 0))).toEqual({ code: 0x7cn, flags: flags("inexact", "overflow") });
  });

  it("Inf input: nvidia saturation gives ±max, ml_dtypes keeps Inf (E5M2) or gives NaN (E4M3)", () => {
    expect(encode(e5m2, INF, { overflow: "saturate", infSaturation: "nvidia" })).toEqual({ code: 0x7bn, flags: flags("overflow") });
    expect(encode(e4m3, NEG_INF, { overflow: "saturate", infSaturation: "nvidia" }).code).toBe(0xfen);
    expect(encode(e5m2, INF, { overflow: "saturate", infSaturation: "ml_dtypes" })).toEqual({ code: 0x7cn, flags: flags() });
    expect(encode(e4m3, INF, { overflow: "saturate", infSaturation: "ml_dtypes" })).toEqual({ code: 0x7fn, flags: flags("invalid") });
    expect(encode(e5m2, NEG_INF)).toEqual({ code: 0xfcn, flags: flags() });
    expect(encode(e4m3, INF)).toEqual({ code: 0x7fn, flags: flags("invalid") });
    expect(encode(fmt("fp8-e4m3fnuz"), NEG_INF).code).toBe(0x80n);
  });

  it("FP4/FP6 always saturate; NaN becomes −0 with invalid", () => {
    const fp4 = fmt("fp4-e2m1");
    for (const overflow of ["saturate", "non-saturating"] as const) {
      expect(encode(fp4, finiteRaw(0, 100n, 0), { overflow })).toEqual({ code: 0x7n, flags: flags("inexact", "overflow") });
      expect(encode(fp4, NEG_INF, { overflow }).code).toBe(0xfn);
      expect(encode(fmt("fp6-e3m2"), INF, { overflow }).code).toBe(0x1fn);
    }
    expect(encode(fp4, NAN)).toEqual({ code: 0x8n, flags: flags("invalid") });
    expect(encode(fmt("fp6-e2m3"), NEG_NAN)).toEqual({ code: 0x20n, flags: flags("invalid") });
  });

  it("E8M0: no zero, no sign; below 2^-127 stays at code 0", () => {
    const e8m0 = fmt("e8m0");
    expect(encode(e8m0, ZERO)).toEqual({ code: 0xffn, flags: flags("invalid") });
    expect(encode(e8m0, finiteRaw(1, 1n, 0))).toEqual({ code: 0xffn, flags: flags("invalid") });
    expect(encode(e8m0, finiteRaw(0, 1n, -200))).toEqual({ code: 0n, flags: flags("inexact", "underflow") });
    expect(encode(e8m0, finiteRaw(0, 1n, 5))).toEqual({ code: 132n, flags: flags() });
    expect(encode(e8m0, NAN).code).toBe(0xffn);
  });

  it("integers: NaN → 0 (invalid), ±Inf → limits (invalid, overflow), out of range saturates or wraps", () => {
    const i8 = fmt("int8");
    expect(encode(i8, NAN)).toEqual({ code: 0n, flags: flags("invalid") });
    expect(encode(i8, INF)).toEqual({ code: 0x7fn, flags: flags("invalid", "overflow") });
    expect(encode(i8, NEG_INF)).toEqual({ code: 0x80n, flags: flags("invalid", "overflow") });
    expect(encode(fmt("int8-sym"), NEG_INF).code).toBe(0x81n);
    expect(encode(i8, finiteRaw(0, 300n, 0))).toEqual({ code: 0x7fn, flags: flags("overflow") });
    expect(encode(i8, finiteRaw(0, 300n, 0), { overflow: "non-saturating" })).toEqual({ code: 300n - 256n, flags: flags("overflow") });
    expect(encode(fmt("uint8"), finiteRaw(1, 3n, -1))).toEqual({ code: 0n, flags: flags("inexact", "overflow") }); // −1.5 → −2, clamped
    expect(encode(fmt("uint8"), finiteRaw(1, 1n, -2))).toEqual({ code: 0n, flags: flags("inexact") }); // −0.25 → 0
  });

  it("tininess is detected before rounding: fp16 2^-14 − 2^-40 rounds to min normal yet signals underflow", () => {
    const x = finiteRaw(0, (1n << 26n) - 1n, -40);
    expect(encode(fmt("fp16"), x)).toEqual({ code: 0x0400n, flags: flags("inexact", "underflow") });
    expect(encode(fmt("fp16"), finiteRaw(0, 1n, -24))).toEqual({ code: 1n, flags: flags() }); // exact subnormal: no underflow
  });

  it("fp32 specials", () => {
    const fp32 = fmt("fp32");
    expect(encode(fp32, NAN).code).toBe(0x7fc00000n);
    expect(encode(fp32, NEG_NAN).code).toBe(0xffc00000n);
    expect(encode(fp32, NEG_INF).code).toBe(0xff800000n);
    expect(encode(fp32, INF, { overflow: "saturate" }).code).toBe(0x7f7fffffn);
    expect(encode(fp32, NEG_ZERO).code).toBe(0x80000000n);
  });

  it("huge and tiny exponents do not blow up the bigint arithmetic", () => {
    const tiny = finiteRaw(0, 1n, -1e11);
    const huge = finiteRaw(0, 1n, 1e11);
    for (const rounding of DETERMINISTIC_MODES) {
      expect(encode(fmt("fp32"), tiny, { rounding }).code).toBe(rounding === "rup" ? 1n : 0n);
      expect(encode(fmt("int8"), tiny, { rounding }).code).toBe(rounding === "rup" ? 1n : 0n);
      expect(encode(fmt("fp32"), huge, { rounding }).flags.overflow).toBe(true);
    }
    expect(encode(fmt("int8"), huge)).toEqual({ code: 0x7fn, flags: flags("overflow") });
    expect(encode(fmt("int8"), { ...huge, sign: 1 } as Raw)).toEqual({ code: 0x80n, flags: flags("overflow") });
    expect(encode(fmt("int8"), huge, { overflow: "non-saturating" })).toEqual({ code: 0n, flags: flags("overflow") });
  });
});

// ---- properties --------------------------------------------------------------------------------------------

/** Random finite raws whose magnitude 2^t has t in [tLo, tHi], with 1..70 significant bits. */
function arbRaw(tLo: number, tHi: number, signs: (0 | 1)[] = [0, 1]): fc.Arbitrary<Raw> {
  return fc
    .tuple(fc.constantFrom(...signs), fc.integer({ min: 1, max: 70 }), fc.integer({ min: tLo, max: tHi }), fc.bigInt(0n, (1n << 70n) - 1n), fc.integer({ min: 0, max: 3 }))
    .map(([sign, k, t, r, pad]) => {
      const sig = ((1n << BigInt(k - 1)) | (r % (1n << BigInt(k - 1 || 1)))) << BigInt(pad); // pad: non-normalized sig
      return finiteRaw(sign, sig, t - (k - 1) - pad);
    });
}

/** log2 range of a format, padded: from below half the smallest positive value to beyond max. */
function spanOf(f: ScalarFormat): [number, number] {
  if (f.kind === "int") return [-4, f.bits + 2];
  const minExp = f.specials === "e8m0" ? -f.bias : 1 - f.bias - f.manBits;
  const maxExp = (1 << f.expBits) - f.bias;
  return [minExp - 6, maxExp + 3];
}

/** Order on decoded values (NaN excluded by the caller); ±Inf sorts past every finite value. */
function cmpDecoded(a: Raw, b: Raw): number {
  const key = (x: Raw): [number, Rational] => {
    if (x.cls === "inf") return [x.sign ? -1 : 1, rat(0n)];
    const v = rawToOracle(x);
    return [0, v.cls === "finite" ? v.value : rat(0n)];
  };
  const [ia, qa] = key(a);
  const [ib, qb] = key(b);
  return ia !== ib ? ia - ib : cmp(qa, qb);
}

const PROPERTY_FORMATS = ["fp8-e4m3", "fp8-e5m2", "fp8-e4m3fnuz", "fp4-e2m1", "fp6-e3m2", "e8m0", "fp16", "bf16", "int8", "uint8"];

describe("fast-check: random exact values agree with the oracle in every mode and policy", () => {
  it.each(PROPERTY_FORMATS)("%s", (name) => {
    const f = fmt(name);
    const g = gridOf(name);
    const [lo, hi] = spanOf(f);
    fc.assert(
      fc.property(arbRaw(lo, hi), (x) => {
        const r = compareMany(g, encoderFor(f), [rawToOracle(x)], ALL_OPTIONS, 1);
        expect(r.mismatches).toEqual([]);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });
});

describe("fast-check: monotonicity, x ≤ y ⇒ q(x) ≤ q(y)", () => {
  const cases: [string, RoundingMode][] = [...PROPERTY_FORMATS, "fp32", "tf32"].flatMap((n) => [
    [n, "rne"],
    [n, "rtz"],
  ]);
  it.each(cases)("%s %s", (name, rounding) => {
    const f = fmt(name);
    const [lo, hi] = spanOf(f);
    const signs: (0 | 1)[] = f.kind === "float" && !f.signed ? [0] : [0, 1];
    // Saturation keeps the fn/fnuz formats away from NaN, which is unordered.
    const opts: EncodeOptions = { rounding, overflow: f.kind === "float" && f.specials === "ieee" ? "non-saturating" : "saturate" };
    fc.assert(
      fc.property(arbRaw(lo, hi, signs), arbRaw(lo, hi, signs), (a, b) => {
        const [x, y] = cmpDecoded(a, b) <= 0 ? [a, b] : [b, a];
        const qx = decode(f, encode(f, x, opts).code);
        const qy = decode(f, encode(f, y, opts).code);
        expect(cmpDecoded(qx, qy)).toBeLessThanOrEqual(0);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });
});

describe("fast-check: quantize is idempotent and blind to how the raw is written", () => {
  it.each([...PROPERTY_FORMATS, "fp32", "tf32", "fp64"])("%s", (name) => {
    const f = fmt(name);
    const [lo, hi] = spanOf(f);
    fc.assert(
      fc.property(
        arbRaw(lo, hi),
        fc.constantFrom(...DETERMINISTIC_MODES),
        fc.constantFrom("saturate" as const, "non-saturating" as const),
        fc.integer({ min: 1, max: 40 }),
        (x, rounding, overflow, pad) => {
          const opts = { rounding, overflow };
          const once = encode(f, x, opts);
          // The same value with a wider significand (trailing zeros) encodes identically.
          if (x.cls === "finite") expect(encode(f, finiteRaw(x.sign, x.sig << BigInt(pad), x.exp - pad), opts)).toEqual(once);
          const back = decode(f, once.code);
          if (back.cls === "nan") return;
          const twice = encode(f, back, opts);
          expect(twice).toEqual({ code: once.code, flags: flags() });
        },
      ),
      { seed: 42, numRuns: 1500 },
    );
  });
});
