/**
 * The FPGA LUT estimator against published figures, typed in by hand from the sources (no value here is read from
 * the estimator's constants):
 * - Ehliar, "Area efficient floating-point adder and multiplier with IEEE-754 compatible semantics", FPT 2014,
 *   DOI 10.1109/FPT.2014.7082765, abstract: a logic-only adder with fp32 results, 261 slice LUTs on Kintex-7.
 * - Damsgaard, Hoßfeld, Nurmi, Preußer, "Parallel Accurate Minifloat MACCs for Neural Network Inference on Versal
 *   FPGAs", IEEE TCAD 44(6), 2025, DOI 10.1109/TCAD.2024.3511343, abstract: minifloat MACCs take 20–180% more
 *   resources than integer MACCs of the same size, 60–300% more counting the conversion back to floating point.
 * Lane totals below are worked by hand from the FINN-R multiplier rule (2·⌈(W+A)/6⌉ − 1)·(W+A).
 */
import { describe, expect, it } from "vitest";
import { floatFormat, intFormat } from "../../sim/numerics/formats/format.js";
import { lutMacLane } from "./lut-estimator.js";
import { fpgaDevice } from "./devices.js";
import { planPrecision } from "./model.js";
import { parsePrecision } from "../precision.js";

const EHLIAR_FP32_ADDER_LUTS = 261;
// Damsgaard et al.: minifloat MACC / integer MACC of the same size, with the conversion back to float.
const DAMSGAARD_WITH_CONVERSION = { min: 1.6, max: 4.0 };

const fp = (e: number, m: number) => floatFormat({ id: `e${e}m${m}`, expBits: e, manBits: m, bias: 2 ** (e - 1) - 1, signed: true, specials: "finite" });
const int = (bits: number) => intFormat({ id: `int${bits}`, bits, signed: true, symmetric: false });
const fp32Acc = { accBits: 32, floatAcc: true };

describe("fabric fp32 accumulator against Ehliar (FPT 2014)", () => {
  it("the accumulator parts of a minifloat MAC lane sum to the published 261-LUT fp32 adder", () => {
    for (const [e, m] of [[4, 3], [5, 2], [3, 2], [2, 3]] as const) {
      const lane = lutMacLane(fp(e, m), fp(e, m), fp32Acc);
      const accLuts = Object.entries(lane.parts).filter(([k]) => k.startsWith("fp32")).reduce((s, [, v]) => s + v, 0);
      expect(accLuts, `e${e}m${m}`).toBe(EHLIAR_FP32_ADDER_LUTS);
    }
  });

  it("the mux-count aligner + adder + normaliser stay inside the published adder (no negative remainder)", () => {
    // 27-bit window: aligner 5 levels × 14 = 70, adder 27 + 8 = 35, normaliser 70 + 5 = 75 → 180 ≤ 261; the other
    // 81 LUTs are swap, exponent difference, rounding and sticky.
    const p = lutMacLane(fp(4, 3), fp(4, 3), fp32Acc).parts;
    expect([p["fp32 aligner"], p["fp32 adder"], p["fp32 normaliser"]]).toEqual([70, 35, 75]);
    expect(261 - 70 - 35 - 75).toBe(81);
    expect(Object.values(p).every((v) => v >= 0)).toBe(true);
  });

  it("hand-worked lane totals: fp8-e4m3 291, fp8-e5m2 274, fp6-e3m2 272 LUTs", () => {
    // e4m3: 4×4 significands → (2·⌈8/6⌉ − 1)·8 = 24; exponent 4 + 1 = 5; sign 1; + 261 = 291.
    // e5m2: 3×3 → (2·1 − 1)·6 = 6; exponent 6; sign 1; + 261 = 274. e3m2: 6 + 4 + 1 + 261 = 272.
    expect(lutMacLane(fp(4, 3), fp(4, 3), fp32Acc).lut).toBe(291);
    expect(lutMacLane(fp(5, 2), fp(5, 2), fp32Acc).lut).toBe(274);
    expect(lutMacLane(fp(3, 2), fp(3, 2), fp32Acc).lut).toBe(272);
  });
});

describe("minifloat / integer MAC ratio against Damsgaard et al. (TCAD 2025)", () => {
  it("an fp8 MAC accumulating in fp32 costs 1.6–4.0× an int8 MAC with an int32 accumulator", () => {
    // int8: (2·⌈16/6⌉ − 1)·16 = 80 + 32 = 112. fp8-e4m3: 291 → 2.60×; fp8-e5m2: 274 → 2.45×.
    const int8 = lutMacLane(int(8), int(8), { accBits: 32, floatAcc: false }).lut;
    expect(int8).toBe(112);
    for (const [e, m] of [[4, 3], [5, 2]] as const) {
      const r = lutMacLane(fp(e, m), fp(e, m), fp32Acc).lut / int8;
      expect(r, `e${e}m${m}`).toBeGreaterThanOrEqual(DAMSGAARD_WITH_CONVERSION.min);
      expect(r, `e${e}m${m}`).toBeLessThanOrEqual(DAMSGAARD_WITH_CONVERSION.max);
    }
  });
});

describe("exact (Kulisch) accumulation in fabric", () => {
  it("hand-worked lanes at K = 4096: fp8-e4m3 169 LUTs, fp8-e5m2 290 (register 49 and 79 bits)", () => {
    // e4m3 (bias 7): values are multiples of 2^(1−7−3) = 2^-9 below 2^(15−7+1) = 2^9, so products lie in a
    // 2·9 + 2·9 = 36-bit window; register 36 + 1 sign + ⌈log2 4096⌉ = 49 bits, one LUT each. The 8-bit significand
    // product is placed over 36 − 8 + 1 = 29 positions: ⌈log2 29⌉ = 5 levels × ⌈36/2⌉ = 18 → 90 LUTs.
    // Lane: multiplier 24 + exponent 5 + sign 1 + 90 + 49 = 169.
    const e4m3 = lutMacLane(fp(4, 3), fp(4, 3), { accBits: 32, floatAcc: true, exactKMax: 4096 });
    expect([e4m3.parts["Kulisch placement shifter"], e4m3.parts["Kulisch adder"], e4m3.lut]).toEqual([90, 49, 169]);
    // e5m2 (bias 15): 2^-16 … 2^17 → a 66-bit window, register 66 + 1 + 12 = 79; 6-bit product over 61 positions:
    // 6 levels × 33 = 198. Lane: 6 + 6 + 1 + 198 + 79 = 290 — e5m2's range makes exact accumulation dear.
    const e5m2 = lutMacLane(fp(5, 2), fp(5, 2), { accBits: 32, floatAcc: true, exactKMax: 4096 });
    expect([e5m2.parts["Kulisch placement shifter"], e5m2.parts["Kulisch adder"], e5m2.lut]).toEqual([198, 79, 290]);
    expect(e4m3.parts["fp32 aligner"]).toBeUndefined();
  });

  it("an exact fp8 MACC costs 1.2–2.8× an int8 MACC, Damsgaard et al.'s range for exact minifloat MACCs without conversion", () => {
    const int8 = lutMacLane(int(8), int(8), { accBits: 32, floatAcc: false }).lut;
    for (const [e, m] of [[4, 3], [5, 2]] as const) {
      const r = lutMacLane(fp(e, m), fp(e, m), { accBits: 32, floatAcc: true, exactKMax: 4096 }).lut / int8;
      expect(r, `e${e}m${m}`).toBeGreaterThanOrEqual(1.2);
      expect(r, `e${e}m${m}`).toBeLessThanOrEqual(2.8);
    }
  });
});

describe("a float accumulator narrower than fp32", () => {
  it("fp16 register: its own window's muxes plus Ehliar's fp32 remainder scaled by the window (hand-worked 151 LUTs)", () => {
    // fp16 window 10 + 1 + 3 = 14: aligner ⌈log2 14⌉ = 4 levels × 7 = 28; adder 14 + 5 = 19; normaliser 28 + 4 = 32;
    // remainder ⌈81 · 14/27⌉ = 42 → 121. Lane e4m3: 24 + 5 + 1 + 121 = 151 (fp32: 291). FFs 8 + 8 + 8 + 5 + 16 = 45.
    const lane = lutMacLane(fp(4, 3), fp(4, 3), { accBits: 32, floatAcc: true, accFormat: { manBits: 10, expBits: 5 } });
    expect(lane.lut).toBe(151);
    expect(lane.ff).toBe(45);
    // fp32 given explicitly is the published figure again.
    expect(lutMacLane(fp(4, 3), fp(4, 3), { accBits: 32, floatAcc: true, accFormat: { manBits: 23, expBits: 8 } }).lut).toBe(291);
  });
});

describe("where a float accumulator goes on Versal", () => {
  it("an fp32 register maps onto DSPFP32 (a binary32 adder, AM004); an fp16 register stays in fabric", () => {
    const dev = fpgaDevice("xcvc1902-2mp")!;
    const prec = (t: string) => {
      const r = parsePrecision(t);
      if (!r.ok) throw new Error(r.reason);
      return r.precision;
    };
    const fp32 = planPrecision(dev, prec("w=fp8-e4m3,a=fp8-e4m3,acc=fp32-seq"), "auto");
    const fp16 = planPrecision(dev, prec("w=fp8-e4m3,a=fp8-e4m3,acc=fp16-seq"), "auto");
    expect(fp32.ok && fp32.value.resource).toBe("lut+dspfp32");
    expect(fp16.ok && fp16.value.resource).toBe("lut");
  });
});

describe("an integer accumulator on the LUT path", () => {
  it("is refused for float or block-scaled operands with a reason (their products are not integers)", () => {
    const dev = fpgaDevice("xczu9eg-2")!;
    for (const t of ["w=fp8-e4m3,a=fp8-e4m3,acc=int32-wrap", "w=mxint8,a=mxint8,acc=int32-wrap"]) {
      const r = parsePrecision(t);
      if (!r.ok) throw new Error(r.reason);
      const plan = planPrecision(dev, r.precision, "auto");
      expect(plan.ok, t).toBe(false);
      if (!plan.ok) expect(plan.reason).toMatch(/integer accumulator 'int32-wrap' needs integer operands without block scales/);
    }
  });
});
