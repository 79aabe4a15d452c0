// The oracle checked against hand-known facts (REFERENCES.md §1–2 and textbook examples), before it judges anything.
import { describe, expect, it } from "vitest";
import type { OracleFormatParams, OracleValue } from "./format-model.js";
import { oracleDecode } from "./format-model.js";
import type { OracleGrid } from "./grid.js";
import { buildGrid, fromUnits } from "./grid.js";
import type { Rational } from "./rational.js";
import { eq, parseDecimalRational, pow2, rat } from "./rational.js";
import type { OracleOptions } from "./round.js";
import { oracleEncode } from "./round.js";
import { REFERENCE_FORMATS, REFERENCE_SPECIAL_CODES } from "./reference-formats.js";

const params = (id: string): OracleFormatParams => REFERENCE_FORMATS.find((r) => r.id === id)!.params;
const fin = (q: Rational): OracleValue => ({ cls: "finite", value: q });
const opts = (mode: "rne" | "rna" | "rtz" | "rup" | "rdn", overflow: OracleOptions["overflow"] = "non-saturating"): OracleOptions => ({
  rounding: { mode },
  overflow,
  infSaturation: "nvidia",
});
const int = (bits: number, signed = true, symmetric = false): OracleFormatParams => ({ kind: "int", bits, signed, symmetric });

describe("oracle grid reproduces REFERENCES.md §1", () => {
  for (const ref of REFERENCE_FORMATS.filter((r) => r.params.expBits + r.params.manBits < 16)) {
    it(`${ref.id}: max, min normal, min positive`, () => {
      const g = buildGrid(ref.params);
      expect(eq(fromUnits(g, g.maxUnits), ref.max)).toBe(true);
      expect(eq(fromUnits(g, g.minNormalUnits), ref.minNormal)).toBe(true);
      const minPos = g.values.find((v) => v > 0n)!;
      expect(eq(fromUnits(g, minPos), ref.minPositive)).toBe(true);
      if (ref.params.signed) expect(g.minUnits).toBe(-g.maxUnits);
    });
  }

  it("wide formats: largest finite and smallest codes decode to the reference values", () => {
    const fp32 = params("fp32");
    const fp64 = params("fp64");
    const tf32 = params("tf32");
    const v = (p: OracleFormatParams, c: bigint) => (oracleDecode(p, c) as { value: Rational }).value;
    expect(eq(v(fp32, 0x7f7fffffn), REFERENCE_FORMATS.find((r) => r.id === "fp32")!.max)).toBe(true);
    expect(eq(v(fp32, 1n), pow2(-149))).toBe(true);
    expect(eq(v(fp32, 0x00800000n), pow2(-126))).toBe(true);
    expect(eq(v(fp64, 0x7fefffffffffffffn), REFERENCE_FORMATS.find((r) => r.id === "fp64")!.max)).toBe(true);
    expect(eq(v(fp64, 1n), pow2(-1074))).toBe(true);
    expect(eq(v(tf32, (0xfen << 10n) | 0x3ffn), REFERENCE_FORMATS.find((r) => r.id === "tf32")!.max)).toBe(true);
    expect(oracleDecode(fp32, 0x7f800000n)).toEqual({ cls: "inf", sign: 0 });
    expect(oracleDecode(fp32, 0xffc00000n)).toEqual({ cls: "nan", sign: 1 });
    expect(eq(v(fp32, 0x3dcccccdn), rat(13421773n, 1n << 27n))).toBe(true);
  });

  for (const [id, sp] of Object.entries(REFERENCE_SPECIAL_CODES)) {
    it(`${id}: Inf and NaN codes`, () => {
      const p = params(id);
      const inf: number[] = [];
      const nan: number[] = [];
      for (let c = 0; c < 256; c++) {
        const v = oracleDecode(p, BigInt(c));
        if (v.cls === "inf") inf.push(c);
        if (v.cls === "nan") nan.push(c);
      }
      expect(inf).toEqual(sp.inf);
      expect(nan).toEqual(sp.nan);
    });
  }
});

describe("oracle rounding on textbook cases", () => {
  const grids = new Map<string, OracleGrid>();
  const gridFor = (id: string | OracleFormatParams): OracleGrid => {
    const key = JSON.stringify(id);
    if (!grids.has(key)) grids.set(key, buildGrid(typeof id === "string" ? params(id) : id));
    return grids.get(key)!;
  };
  const enc = (id: string | OracleFormatParams, x: Rational, o = opts("rne")) => oracleEncode(gridFor(id), fin(x), o);

  it("E4M3: 464 is a tie that rounds to 448; above it overflows to NaN, or saturates", () => {
    expect(enc("fp8-e4m3", rat(464n)).code).toBe(0x7en);
    expect(enc("fp8-e4m3", rat(464n)).flags).toEqual({ inexact: true, overflow: false, underflow: false, invalid: false });
    expect(enc("fp8-e4m3", rat(465n))).toEqual({ code: 0x7fn, flags: { inexact: true, overflow: true, underflow: false, invalid: false } });
    expect(enc("fp8-e4m3", rat(465n), opts("rne", "saturate")).code).toBe(0x7en);
    expect(enc("fp8-e4m3", rat(-500n), opts("rtz")).code).toBe(0xfen);
    expect(enc("fp8-e4m3", rat(479n), opts("rup")).code).toBe(0x7fn);
    expect(enc("fp8-e4m3", rat(479n), opts("rdn")).code).toBe(0x7en);
  });

  it("E5M2: 61440 is a tie that rounds up and overflows to Inf", () => {
    expect(enc("fp8-e5m2", rat(61440n)).code).toBe(0x7cn);
    expect(enc("fp8-e5m2", rat(61439n)).code).toBe(0x7bn);
    expect(enc("fp8-e5m2", rat(-61440n)).code).toBe(0xfcn);
    expect(enc("fp8-e5m2", rat(-1n << 20n), opts("rup")).code).toBe(0xfbn); // toward +∞ from below −max: −max
  });

  it("fp16: 65520 overflows, 2^-25 ties to zero with underflow, a hair above rounds to the min subnormal", () => {
    expect(enc("fp16", rat(65520n)).code).toBe(0x7c00n);
    expect(enc("fp16", rat(65519n)).code).toBe(0x7bffn);
    expect(enc("fp16", pow2(-25))).toEqual({ code: 0n, flags: { inexact: true, overflow: false, underflow: true, invalid: false } });
    expect(enc("fp16", rat((1n << 40n) + 1n, 1n << 65n)).code).toBe(1n);
    expect(enc("fp16", rat(-3n, 1n << 26n)).code).toBe(0x8001n); // −0.75·2^-24 → −min subnormal
  });

  it("bf16: ties to even at 1 + 2^-8 and 1 + 3·2^-8", () => {
    expect(enc("bf16", rat(257n, 256n)).code).toBe(0x3f80n);
    expect(enc("bf16", rat(259n, 256n)).code).toBe(0x3f82n);
    expect(enc("bf16", rat(257n, 256n), opts("rna")).code).toBe(0x3f81n);
  });

  it("fp4 E2M1: 5 → 4, 0.25 → 0, 0.75 → 1, 7 → 6 (always finite)", () => {
    expect(enc("fp4-e2m1", rat(5n)).code).toBe(0b0110n);
    expect(enc("fp4-e2m1", rat(1n, 4n)).code).toBe(0n);
    expect(enc("fp4-e2m1", rat(-1n, 4n)).code).toBe(0b1000n);
    expect(enc("fp4-e2m1", rat(3n, 4n)).code).toBe(0b0010n);
    expect(enc("fp4-e2m1", rat(7n)).code).toBe(0b0111n);
    expect(enc("fp4-e2m1", rat(7n)).flags.overflow).toBe(true);
  });

  it("E8M0: powers of two; 1.5·2^k ties up; below 2^-127 stays at code 0", () => {
    expect(enc("e8m0", rat(1n)).code).toBe(127n);
    expect(enc("e8m0", rat(3n)).code).toBe(129n);
    expect(enc("e8m0", rat(3n, 2n)).code).toBe(128n);
    expect(enc("e8m0", pow2(-140)).code).toBe(0n);
    expect(enc("e8m0", pow2(128)).code).toBe(0xffn);
    expect(enc("e8m0", rat(-1n)).flags.invalid).toBe(true);
  });

  it("integers: RNE, RNA, saturate and wrap", () => {
    expect(enc(int(8), rat(5n, 2n)).code).toBe(2n);
    expect(enc(int(8), rat(7n, 2n)).code).toBe(4n);
    expect(enc(int(8), rat(-5n, 2n)).code).toBe(0xfen);
    expect(enc(int(8), rat(5n, 2n), opts("rna")).code).toBe(3n);
    expect(enc(int(8), rat(255n, 2n), opts("rne", "saturate")).code).toBe(0x7fn);
    expect(enc(int(8), rat(255n, 2n), opts("rne", "non-saturating")).code).toBe(0x80n);
    expect(enc(int(8, true, true), rat(-255n, 2n), opts("rne", "saturate")).code).toBe(0x81n);
    expect(enc(int(8, false), rat(-7n, 10n), opts("rne", "saturate")).code).toBe(0n);
  });

  it("decimal 0.1 rounds to bf16 0x3dcd and fp16 0x2e66", () => {
    expect(enc("bf16", parseDecimalRational("0.1")!).code).toBe(0x3dcdn);
    expect(enc("fp16", parseDecimalRational("0.1")!).code).toBe(0x2e66n);
  });
});

describe("rational helpers", () => {
  it("parseDecimalRational reads decimals exactly and rejects garbage", () => {
    expect(eq(parseDecimalRational("-12.5e-3")!, rat(-125n, 10000n))).toBe(true);
    expect(eq(parseDecimalRational(".5")!, rat(1n, 2n))).toBe(true);
    expect(eq(parseDecimalRational("3.")!, rat(3n))).toBe(true);
    expect(parseDecimalRational("1e")).toBeNull();
    expect(parseDecimalRational(".")).toBeNull();
    expect(parseDecimalRational("0x10")).toBeNull();
  });
});
