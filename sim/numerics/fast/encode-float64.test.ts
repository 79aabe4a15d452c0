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
