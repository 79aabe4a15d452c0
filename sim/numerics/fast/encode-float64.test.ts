import { describe, expect, it } from "vitest";
import { float64Encoder } from "./encode-float64.js";
import { lookupScalar, NAMED_SCALARS } from "../formats/registry.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode, encode } from "../codec.js";
import { fromFloat64, toFloat64 } from "../float64.js";
import type { RoundingMode } from "../rounding.js";
import type { OverflowPolicy } from "../round-pack.js";
import { createPrng } from "../../prng.js";

const MODES: RoundingMode[] = ["rne", "rtz", "rna", "rup", "rdn"];
const POLICIES: OverflowPolicy[] = ["saturate", "non-saturating"];

/** Probe points: every finite value, each midpoint and its neighbours, overflow edges, and seeded random values. */
function probes(fmt: ScalarFormat, seed: number): number[] {
  const vals = new Set<number>();
  const n = 2 ** fmt.bits;
  for (let c = 0; c < n; c++) {
    const r = decode(fmt, BigInt(c));
    if (r.cls === "finite" || r.cls === "zero") vals.add(toFloat64(r));
  }
  const sorted = [...vals].sort((a, b) => a - b);
  const pts: number[] = [...sorted, NaN, Infinity, -Infinity, -0];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const mid = (sorted[i]! + sorted[i + 1]!) / 2;
    pts.push(mid, mid + Math.abs(mid) * 2 ** -40, mid - Math.abs(mid) * 2 ** -40);
  }
  const max = sorted[sorted.length - 1]!;
  const ulp = max - sorted[sorted.length - 2]!;
  for (const v of [max + ulp / 2, max + ulp / 2 * (1 + 2 ** -30), max + ulp / 2 * (1 - 2 ** -30), max * 4, 1e300, 5e-324]) pts.push(v, -v);
  const rng = createPrng(seed);
  for (let i = 0; i < 2000; i++) pts.push((rng.nextFloat64() < 0.5 ? -1 : 1) * 2 ** (rng.nextFloat64() * 80 - 40));
  return pts;
}

function check(fmt: ScalarFormat, points: number[], mode: RoundingMode, overflow: OverflowPolicy) {
  const fast = float64Encoder(fmt, { rounding: mode, overflow });
  if (!fast.ok) throw new Error(fast.reason);
  let mismatches = 0;
  let first = "";
  for (const x of points) {
    const want = Number(encode(fmt, fromFloat64(x), { rounding: mode, overflow }).code);
    const got = fast.encode(x);
    if (got !== want) {
      mismatches++;
      first ||= `${fmt.id} ${mode} ${overflow} x=${x}: fast 0x${got.toString(16)} ref 0x${want.toString(16)}`;
    }
  }
  expect(first).toBe("");
  expect(mismatches).toBe(0);
}

describe("fast float64 encoder equals round-pack", () => {
  const small = NAMED_SCALARS.map((n) => n.format).filter((f) => f.bits <= 8);
  for (const fmt of small) {
    it(`${fmt.id}: every value, midpoint ± ε and overflow edge, all modes and policies`, () => {
      const pts = probes(fmt, 1);
      for (const mode of MODES) for (const policy of POLICIES) check(fmt, pts, mode, policy);
    });
  }
  for (const id of ["fp16", "bf16", "int16"]) {
    it(`${id}: every value and midpoint in RNE, a seeded sample in the other modes`, () => {
      const fmt = (lookupScalar(id) as { ok: true; format: ScalarFormat }).format;
      const pts = probes(fmt, 2);
      check(fmt, pts, "rne", "non-saturating");
      const rng = createPrng(3);
      const sample = pts.filter(() => rng.nextFloat64() < 0.05);
      for (const mode of MODES) check(fmt, sample, mode, "saturate");
    });
  }
  it("fp32 and tf32: seeded random float64 inputs", () => {
    const rng = createPrng(4);
    const pts: number[] = [];
    for (let i = 0; i < 20000; i++) pts.push((rng.nextFloat64() - 0.5) * 2 ** (rng.nextFloat64() * 300 - 150));
    for (const id of ["fp32", "tf32", "int32", "uint8"]) {
      const fmt = (lookupScalar(id) as { ok: true; format: ScalarFormat }).format;
      for (const mode of MODES) check(fmt, pts.slice(0, mode === "rne" ? 20000 : 3000), mode, "non-saturating");
    }
  });
  it("refuses what it cannot do", () => {
    const fp64 = (lookupScalar("fp64") as { ok: true; format: ScalarFormat }).format;
    expect(float64Encoder(fp64).ok).toBe(false);
    const fp8 = (lookupScalar("fp8") as { ok: true; format: ScalarFormat }).format;
    expect(float64Encoder(fp8, { rounding: "stochastic" }).ok).toBe(false);
  });
});

/**
 * The kernel takes its NaN, ±Inf, ±0 and overflow codes from round-pack, so comparing the two there proves
 * nothing. These codes are typed in from the format definitions (REFERENCES §1): OCP E4M3 has no Inf and one
 * NaN per sign (S.1111.111), E5M2 and binary16/bfloat16/binary32 are IEEE (quiet NaN = top fraction bit), fnuz
 * has the single NaN 0x80 and no −0, FP4 has neither Inf nor NaN (NaN → −0, as ml_dtypes), E8M0 has no zero,
 * no sign and NaN 0xFF; integers take NaN → 0 and ±Inf → the nearest limit.
 */
describe("fast float64 encoder: special cases pinned to hand-written codes", () => {
  type Row = [nan: number, posInf: number, negInf: number, posZero: number, negZero: number, posHuge: number, negHuge: number];
  const fmt = (id: string) => (lookupScalar(id) as { ok: true; format: ScalarFormat }).format;
  const cases: [id: string, opts: Parameters<typeof float64Encoder>[1], want: Row][] = [
    // Non-saturating RNE: overflow goes to Inf where there is one, else to NaN (E4M3, fnuz, E8M0), else to max (FP4).
    ["fp8-e4m3", { overflow: "non-saturating" }, [0x7f, 0x7f, 0xff, 0x00, 0x80, 0x7f, 0xff]],
    ["fp8-e5m2", { overflow: "non-saturating" }, [0x7e, 0x7c, 0xfc, 0x00, 0x80, 0x7c, 0xfc]],
    ["fp8-e4m3fnuz", { overflow: "non-saturating" }, [0x80, 0x80, 0x80, 0x00, 0x00, 0x80, 0x80]],
    ["fp4-e2m1", { overflow: "non-saturating" }, [0x8, 0x7, 0xf, 0x0, 0x8, 0x7, 0xf]],
    ["e8m0", { overflow: "non-saturating" }, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    ["fp16", { overflow: "non-saturating" }, [0x7e00, 0x7c00, 0xfc00, 0x0000, 0x8000, 0x7c00, 0xfc00]],
    ["bf16", { overflow: "non-saturating" }, [0x7fc0, 0x7f80, 0xff80, 0x0000, 0x8000, 0x7f80, 0xff80]],
    ["fp32", { overflow: "non-saturating" }, [0x7fc00000, 0x7f800000, 0xff800000, 0, 0x80000000, 0x7f800000, 0xff800000]],
    // Saturating, NVIDIA style (the default): overflow and ±Inf both go to ±max (E4M3 0x7e = 448, E5M2 0x7b = 57344,
    // fnuz 0x7f = 240, E8M0 0xfe = 2^127, fp16 0x7bff = 65504, bf16 0x7f7f, fp32 0x7f7fffff).
    ["fp8-e4m3", { overflow: "saturate" }, [0x7f, 0x7e, 0xfe, 0x00, 0x80, 0x7e, 0xfe]],
    ["fp8-e5m2", { overflow: "saturate" }, [0x7e, 0x7b, 0xfb, 0x00, 0x80, 0x7b, 0xfb]],
    ["fp8-e4m3fnuz", { overflow: "saturate" }, [0x80, 0x7f, 0xff, 0x00, 0x00, 0x7f, 0xff]],
    ["e8m0", { overflow: "saturate" }, [0xff, 0xfe, 0xff, 0xff, 0xff, 0xfe, 0xff]],
    ["fp16", { overflow: "saturate" }, [0x7e00, 0x7bff, 0xfbff, 0x0000, 0x8000, 0x7bff, 0xfbff]],
    ["bf16", { overflow: "saturate" }, [0x7fc0, 0x7f7f, 0xff7f, 0x0000, 0x8000, 0x7f7f, 0xff7f]],
    ["fp32", { overflow: "saturate" }, [0x7fc00000, 0x7f7fffff, 0xff7fffff, 0, 0x80000000, 0x7f7fffff, 0xff7fffff]],
    // Saturating, ml_dtypes style: finite overflow to ±max, but Inf stays Inf (E5M2) or becomes NaN (E4M3, fnuz).
    ["fp8-e4m3", { overflow: "saturate", infSaturation: "ml_dtypes" }, [0x7f, 0x7f, 0xff, 0x00, 0x80, 0x7e, 0xfe]],
    ["fp8-e5m2", { overflow: "saturate", infSaturation: "ml_dtypes" }, [0x7e, 0x7c, 0xfc, 0x00, 0x80, 0x7b, 0xfb]],
    ["fp8-e4m3fnuz", { overflow: "saturate", infSaturation: "ml_dtypes" }, [0x80, 0x80, 0x80, 0x00, 0x00, 0x7f, 0xff]],
    // Directed rounding, non-saturating (IEEE 754 §7.4): the side rounded toward zero gives ±max, the other Inf.
    ["fp8-e5m2", { overflow: "non-saturating", rounding: "rtz" }, [0x7e, 0x7c, 0xfc, 0x00, 0x80, 0x7b, 0xfb]],
    ["fp8-e5m2", { overflow: "non-saturating", rounding: "rup" }, [0x7e, 0x7c, 0xfc, 0x00, 0x80, 0x7c, 0xfb]],
    ["fp8-e5m2", { overflow: "non-saturating", rounding: "rdn" }, [0x7e, 0x7c, 0xfc, 0x00, 0x80, 0x7b, 0xfc]],
    // Integers: NaN → 0, ±Inf and huge values → the limits when saturating (int8 127 = 0x7f, −128 = 0x80; int8-sym
    // −127 = 0x81; uint8 255 and 0); wrapping takes 1e300 mod 256 = 0 (1e300 is a multiple of 2^52).
    ["int8", { overflow: "saturate" }, [0x00, 0x7f, 0x80, 0x00, 0x00, 0x7f, 0x80]],
    ["int8-sym", { overflow: "saturate" }, [0x00, 0x7f, 0x81, 0x00, 0x00, 0x7f, 0x81]],
    ["uint8", { overflow: "saturate" }, [0x00, 0xff, 0x00, 0x00, 0x00, 0xff, 0x00]],
    ["int8", { overflow: "non-saturating" }, [0x00, 0x7f, 0x80, 0x00, 0x00, 0x00, 0x00]],
  ];
  it.each(cases)("%s %j", (id, opts, want) => {
    const enc = float64Encoder(fmt(id), opts);
    if (!enc.ok) throw new Error(enc.reason);
    const got = [NaN, Infinity, -Infinity, 0, -0, 1e300, -1e300].map(enc.encode);
    expect(got.map((c) => `0x${c.toString(16)}`)).toEqual(want.map((c) => `0x${c.toString(16)}`));
  });

  it("a negative input to the unsigned E8M0 is its NaN 0xFF; an unsigned int clamps it to 0", () => {
    const e8m0 = float64Encoder(fmt("e8m0"), { overflow: "saturate" });
    const uint4 = float64Encoder(fmt("uint4"), { overflow: "saturate" });
    if (!e8m0.ok || !uint4.ok) throw new Error("encoder refused");
    expect([-1, -(2 ** -100), -3e38].map(e8m0.encode)).toEqual([0xff, 0xff, 0xff]);
    expect([-1, -0.4, -1e300].map(uint4.encode)).toEqual([0, 0, 0]);
  });
});
