import { describe, expect, it } from "vitest";
import { elaborate } from "../../sim/engine/elaborate.js";
import { createPrng } from "../../sim/prng.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import { dot } from "../../sim/numerics/ops/dot.js";
import type { Dsp48e2Attributes } from "./dsp48e2.js";
import {
  DSP48E2_MAC, DSP48E2_PREADD_MAC, INMODE, OPMODE, alu, chainLatencyCycles, checkAttributes, dsp48e2, dsp48e2ChainFast,
  dsp48e2Comb, runDsp48e2Chain, wrapSigned,
} from "./dsp48e2.js";

const F = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

/** One slice, driven with constant controls; returns a poke/step/peek harness. */
function slice(attrs: Dsp48e2Attributes) {
  const sim = elaborate(dsp48e2, attrs);
  const t = sim.top;
  const set = (v: Partial<Record<"a" | "b" | "c" | "d" | "pcin" | "opmode" | "alumode" | "inmode" | "carryin", number>>) => {
    for (const [k, x] of Object.entries(v)) sim.poke(t[k as "a"], x);
  };
  set({ a: 0, b: 0, c: 0, d: 0, pcin: 0, opmode: OPMODE.M, alumode: 0, inmode: INMODE.A, carryin: 0 });
  return { sim, set, p: () => sim.peek(t.p) };
}

const COMB: Dsp48e2Attributes = { AREG: 0, BREG: 0, CREG: 0, DREG: 0, ADREG: 0, MREG: 0, PREG: 1, USE_DPORT: true, USE_MULT: "MULTIPLY", USE_SIMD: "ONE48" };
const comb = (i: Partial<Parameters<typeof dsp48e2Comb>[1]>, attrs: Dsp48e2Attributes = COMB, pPrev = 0) =>
  dsp48e2Comb(attrs, { a: 0, b: 0, c: 0, d: 0, pcin: 0, opmode: OPMODE.M, alumode: 0, inmode: INMODE.A, carryin: 0, ...i }, pPrev);

describe("DSP48E2 slice against hand-worked UG579 cases", () => {
  it("fully pipelined MAC (AREG=BREG=MREG=PREG=1): A·B appears in P 3 cycles after the operands", () => {
    const s = slice(DSP48E2_MAC);
    s.set({ a: 3, b: -5, opmode: OPMODE.P_PLUS_M });
    s.sim.step(); // A1/B1 ← 3, −5
    s.set({ a: 0, b: 0 });
    expect(s.p()).toBe(0);
    s.sim.step(); // M ← −15
    expect(s.p()).toBe(0);
    s.sim.step(); // P ← 0 + −15
    expect(s.p()).toBe(-15);
    s.sim.step(); // P ← −15 + 0 (M now holds 0·0)
    expect(s.p()).toBe(-15);
  });

  it("P = P + M accumulates every cycle once the pipeline is full: 1·2 + 3·4 + 5·6 = 44", () => {
    const s = slice(DSP48E2_MAC);
    s.set({ opmode: OPMODE.P_PLUS_M });
    for (const [a, b] of [[1, 2], [3, 4], [5, 6], [0, 0], [0, 0]] as const) {
      s.set({ a, b });
      s.sim.step();
    }
    expect(s.p()).toBe(44);
    expect(s.sim.actionTotals()["dsp-mac"]).toBe(5);
  });

  it("pre-adder (INMODE, UG579 Table 2-6): (D + A)·B, (D − A)·B, D·B; the 27-bit AD wraps", () => {
    expect(comb({ d: 100, a: -30, b: 2, inmode: INMODE.D_PLUS_A })).toBe(140); // (100 − 30)·2
    expect(comb({ d: 100, a: -30, b: 2, inmode: INMODE.D_MINUS_A })).toBe(260); // (100 + 30)·2
    expect(comb({ d: 100, a: -30, b: 2, inmode: INMODE.D })).toBe(200); // A gated off
    // (2^26 − 1) + 1 = 2^26 does not fit 27-bit two's complement: it wraps to −2^26 = −67108864.
    expect(comb({ d: 2 ** 26 - 1, a: 1, b: 1, inmode: INMODE.D_PLUS_A })).toBe(-67108864);
    // A is 30 bits wide but the multiplier takes A[26:0]: A = 2^27 + 5 multiplies as 5.
    expect(comb({ a: 2 ** 27 + 5, b: 3, inmode: INMODE.A })).toBe(15);
  });

  it("27×18 multiplier corners: (−2^26)·(−2^17) = 2^43, (2^26 − 1)·(2^17 − 1) = 8796025913345", () => {
    expect(comb({ a: -(2 ** 26), b: -(2 ** 17), inmode: INMODE.A })).toBe(2 ** 43);
    expect(comb({ a: 2 ** 26 - 1, b: 2 ** 17 - 1, inmode: INMODE.A })).toBe(67108863 * 131071);
    // B is 18 bits: B = 2^17 is read as −2^17.
    expect(comb({ a: 1, b: 2 ** 17, inmode: INMODE.A })).toBe(-131072);
  });

  it("ALUMODE (UG579 Table 2-13): C + M, C − M, −C + M − 1, −(C + M) − 1, plus CARRYIN", () => {
    const base = { a: 6, b: 7, c: 1000, opmode: OPMODE.C_PLUS_M, inmode: INMODE.A };
    expect(comb({ ...base, alumode: 0b0000 })).toBe(1042); // 1000 + 42
    expect(comb({ ...base, alumode: 0b0011 })).toBe(958); // 1000 − 42
    expect(comb({ ...base, alumode: 0b0001 })).toBe(-959); // −1000 + 42 − 1
    expect(comb({ ...base, alumode: 0b0010 })).toBe(-1043); // −(1000 + 42) − 1
    expect(comb({ ...base, alumode: 0b0000, carryin: 1 })).toBe(1043);
  });

  it("PCIN + M and P + M + PCIN select the cascade input (OPMODE Z = 001, W = 01)", () => {
    expect(comb({ a: 2, b: 3, pcin: 100, opmode: OPMODE.PCIN_PLUS_M })).toBe(106);
    expect(comb({ a: 2, b: 3, pcin: 100, opmode: OPMODE.PCIN_PLUS_M_PLUS_P }, COMB, 1000)).toBe(1106);
    // Z = 101: PCIN >>> 17 (arithmetic): −2^20 >>> 17 = −8.
    expect(comb({ a: 0, b: 0, pcin: -(2 ** 20), opmode: 0b00_101_01_01 })).toBe(-8);
  });

  it("48-bit wrap: P = (2^47 − 1) + 1 reads −2^47", () => {
    expect(comb({ a: 1, b: 1, opmode: OPMODE.P_PLUS_M }, COMB, 2 ** 47 - 1)).toBe(-(2 ** 47));
  });

  it("SIMD TWO24 and FOUR12 stop carries at lane edges (UG579 SIMD mode)", () => {
    // C = 0x000005_FFFFFF, A:B = 0x000003_000001 (A = 192, B = 1: 192·2^18 = 3·2^24).
    const C = 5 * 2 ** 24 + 0xffffff;
    const simd = (USE_SIMD: "ONE48" | "TWO24" | "FOUR12") => ({ ...COMB, USE_MULT: "NONE" as const, USE_SIMD });
    expect(comb({ c: C, a: 192, b: 1, opmode: OPMODE.C_PLUS_AB }, simd("ONE48"))).toBe(9 * 2 ** 24); // carry ripples in
    expect(comb({ c: C, a: 192, b: 1, opmode: OPMODE.C_PLUS_AB }, simd("TWO24"))).toBe(8 * 2 ** 24); // lane 0 wraps to 0
    // FOUR12: C = −1 (all ones), A:B = 0x001_001_001_001: every 12-bit lane is 0xFFF + 1 = 0.
    const ab = 0x001001001001;
    expect(comb({ c: -1, a: Math.floor(ab / 2 ** 18), b: ab % 2 ** 18, opmode: OPMODE.C_PLUS_AB }, simd("FOUR12"))).toBe(0);
    expect(comb({ c: -1, a: Math.floor(ab / 2 ** 18), b: ab % 2 ** 18, opmode: OPMODE.C_PLUS_AB }, simd("ONE48"))).toBe(0x001001001000);
    // TWO24 subtract: lane 1 = 0 − 1 wraps to 0xFFFFFF with no borrow from lane 0.
    expect(alu({ w: 0, x: 2 ** 24, y: 0, z: 5 }, 0b0011, 0, "TWO24")).toBe(wrapSigned(0xffffff * 2 ** 24 + 5, 48));
  });

  it("illegal attribute sets are refused: SIMD with the multiplier, misaligned A/D/B registers", () => {
    expect(checkAttributes({ ...DSP48E2_MAC, USE_SIMD: "TWO24" })).toMatch(/USE_MULT=NONE/);
    expect(checkAttributes({ ...DSP48E2_PREADD_MAC, BREG: 1 })).toMatch(/different cycles/);
    expect(checkAttributes(DSP48E2_PREADD_MAC)).toBeNull();
  });
});

describe("cascaded dot-product chain (PCOUT→PCIN)", () => {
  it("has its true latency: input regs + MREG + PREG + (N − 1) cycles (N = 4: 1 + 1 + 1 + 3 = 6)", () => {
    expect(chainLatencyCycles(DSP48E2_MAC, 4)).toBe(6);
    expect(chainLatencyCycles(DSP48E2_PREADD_MAC, 4)).toBe(7); // AREG + ADREG = 2
    const r = runDsp48e2Chain(DSP48E2_MAC, { a: [1, 2, 3, 4], b: [5, 6, 7, 8] });
    expect(r.p).toBe(70); // 5 + 12 + 21 + 32
    expect(r.cycles).toBe(6);
  });

  it("engine = fast path = dot() with int48-dsp, bit for bit, on 60 seeded int8 chains (lengths 1..24, extremes)", () => {
    const int8 = F("int8");
    const int48 = F("int48");
    const acc = resolveAccumulator("int48-dsp");
    if (!acc.ok) throw new Error(acc.reason);
    const rng = createPrng(11);
    for (let t = 0; t < 60; t++) {
      const n = 1 + (rng.nextUint32() % 24);
      const pick = () => (t % 5 === 0 ? (rng.nextUint32() & 1 ? -128 : 127) : (rng.nextUint32() & 0xff) - 128);
      const a = Array.from({ length: n }, pick);
      const b = Array.from({ length: n }, pick);
      const eng = runDsp48e2Chain(DSP48E2_MAC, { a, b });
      const fast = dsp48e2ChainFast(DSP48E2_MAC, { a, b });
      const ref = dot(a.map((x) => BigInt.asUintN(8, BigInt(x))), b.map((x) => BigInt.asUintN(8, BigInt(x))), { format: int48, code: 0n }, acc.spec, { a: int8, b: int8 });
      if (!ref.ok) throw new Error(ref.reason);
      expect(eng.p).toBe(fast.p);
      expect(eng.cycles).toBe(fast.cycles);
      expect(BigInt.asUintN(48, BigInt(eng.p))).toBe(ref.code);
      expect(eng.actions["dsp-mac"]).toBeGreaterThanOrEqual(n);
    }
  });

  it("a chain of wide operands wraps at 48 bits like int48-dsp: 40 × (−2^26)·(−2^17) = 40·2^43 ≡ 40·2^43 − 2^48·1", () => {
    const a = Array(40).fill(-(2 ** 26));
    const b = Array(40).fill(-(2 ** 17));
    const r = runDsp48e2Chain(DSP48E2_MAC, { a, b });
    // 40·2^43 = 5·2^46 = 2^48 + 2^46: mod 2^48 that is 2^46.
    expect(r.p).toBe(2 ** 46);
    expect(dsp48e2ChainFast(DSP48E2_MAC, { a, b }).p).toBe(2 ** 46);
  });
});
