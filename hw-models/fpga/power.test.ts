/**
 * The UltraScale+ power coefficients against the Vivado report_power rows they were calibrated from. The report rows
 * are typed in here from the reports (power W / used count / clock), not taken from power.ts, so this re-derives the
 * calibration independently: each capacitance must equal the pooled fit over rows A and B to its stated rounding,
 * the fit residuals must be the ones power.ts states, the held-out row C must be predicted within 10 %, and row D
 * (another device at VCCINT 0.72 V) checks the C·V² voltage scaling.
 */
import { describe, expect, it } from "vitest";
import { FPGA_POWER, fpgaEnergy } from "./power.js";

interface Row { readonly hz: number; readonly dsp: [number, number]; readonly bram: [number, number]; readonly lut: [number, number]; readonly ff: [number, number] }
// [A] mfkiwl/FSRCNN_ZCU102_accelerator Expanding_Layer_power_routed.rpt, xczu9eg-2, 3.3 ns: DSPs 0.125 W / 192;
// Block RAM 0.008 / 4; LUT as Logic 0.068 + CARRY8 0.006 + Signals 0.070 over 3,884 + 1 SRL LUTs; Register 0.001
// + Clocks 0.031 over 2,846 FFs.
const A: Row = { hz: 1e9 / 3.3, dsp: [0.125, 192], bram: [0.008, 4], lut: [0.144, 3885], ff: [0.032, 2846] };
// [B] I-am-VarunM/ZCU104_src_power Base_Zynq_MPSoC_wrapper_power_routed.rpt, xczu7ev-2, 10 ns: DSPs 0.164 / 513;
// Block RAM 0.132 / 192; LUT as Logic 0.393 + CARRY8 0.010 + SRL 0.009 + Signals 0.379 over 95,719 + 921 + 224
// LUTs; Register 0.031 + Clocks 0.218 over 79,687 FFs.
const B: Row = { hz: 1e8, dsp: [0.164, 513], bram: [0.132, 192], lut: [0.791, 96864], ff: [0.249, 79687] };
// [C] held out: Shrinking_Layer_power_routed.rpt, xczu9eg-2, 3.3 ns: DSPs 0.116 / 166; Block RAM 0.006 / 3;
// LUT as Logic 0.067 + CARRY8 0.011 + Signals 0.078 over 4,699 + 1 LUTs; Register 0.006 + Clocks 0.036 over 4,244.
const C: Row = { hz: 1e9 / 3.3, dsp: [0.116, 166], bram: [0.006, 3], lut: [0.156, 4700], ff: [0.042, 4244] };

// [D] second cross-check, another device and voltage: dolvlod/gemm-beto-kv260 prototipo_1_wrapper_power_routed.rpt,
// xck26-2LV (Vccint 0.720 V, Vccbram 0.850 V in its §1.2), 10 ns: DSPs 0.010 / 32; Block RAM 0.006 / 13.5; LUT as
// Distributed RAM 0.038 + LUT as Logic 0.024 + SRL 0.004 + CARRY8 <0.001 (taken as 0) + Signals 0.037 over 2,306 +
// 10,759 + 802 LUTs; Register 0.003 + Clocks 0.030 over 19,781 FFs.
const D: Row = { hz: 1e8, dsp: [0.010, 32], bram: [0.006, 13.5], lut: [0.103, 13867], ff: [0.033, 19781] };

type Kind = "dsp" | "bram" | "lut" | "ff";
/** Pooled fit: joules per resource-cycle = Σ W / Σ (count × Hz). */
const pooled = (k: Kind) => (A[k][0] + B[k][0]) / (A[k][1] * A.hz + B[k][1] * B.hz);
const V2 = 0.85 * 0.85;
const ZU9 = FPGA_POWER["xczu9eg-2"]!;

describe("UltraScale+ power coefficients from Vivado reports", () => {
  it("each capacitance is the pooled fit over A and B, to its stated rounding", () => {
    // toggle-scaled groups: C = E / (V² × 0.125); BRAM has no toggle factor.
    expect(pooled("dsp") * 1e12).toBeCloseTo(2.640, 3);
    expect(pooled("dsp") * 1e12 / (V2 * 0.125)).toBeCloseTo(29.23, 2);
    expect(Math.abs(ZU9.cDsp.value - pooled("dsp") * 1e12 / (V2 * 0.125))).toBeLessThan(0.5);
    expect(pooled("lut") * 1e15).toBeCloseTo(86.1, 1);
    expect(Math.abs(ZU9.cLut.value - pooled("lut") * 1e12 / (V2 * 0.125))).toBeLessThan(0.005);
    expect(pooled("ff") * 1e15).toBeCloseTo(31.8, 1);
    expect(Math.abs(ZU9.cFf.value - pooled("ff") * 1e12 / (V2 * 0.125))).toBeLessThan(0.005);
    expect(pooled("bram") * 1e12).toBeCloseTo(6.859, 3);
    expect(Math.abs(ZU9.cBram36.value - pooled("bram") * 1e12 / V2)).toBeLessThan(0.05);
  });

  it("the model at the 12.5 % default toggle reproduces each row within the residuals power.ts states", () => {
    // Per row, model watts = count × Hz × C × V² × 0.125 (BRAM: × V², no toggle). Stated residuals, rounded
    // to whole percent: DSP A +22 / B −18; LUT −30 / +5; FF −15 / +1; BRAM +4 / 0; held-out C +14, −22, −3, +4.
    const modelW = (r: Row, k: Kind) => {
      const cPf = { dsp: ZU9.cDsp.value, lut: ZU9.cLut.value, ff: ZU9.cFf.value, bram: ZU9.cBram36.value }[k];
      return r[k][1] * r.hz * cPf * 1e-12 * V2 * (k === "bram" ? 1 : 0.125);
    };
    const pct = (r: Row, k: Kind) => Math.round((modelW(r, k) / r[k][0] - 1) * 100) + 0; // + 0: no −0
    expect([pct(A, "dsp"), pct(B, "dsp"), pct(C, "dsp")]).toEqual([22, -18, 14]);
    expect([pct(A, "lut"), pct(B, "lut"), pct(C, "lut")]).toEqual([-30, 5, -22]);
    expect([pct(A, "ff"), pct(B, "ff"), pct(C, "ff")]).toEqual([-15, 1, -3]);
    expect([pct(A, "bram"), pct(B, "bram"), pct(C, "bram")]).toEqual([4, 0, 4]);
    // Cross-check on C (not fitted): the four groups sum to 0.3008 W against the report's 0.320 W, −6 %.
    const kinds: Kind[] = ["dsp", "bram", "lut", "ff"];
    const predicted = kinds.reduce((s, k) => s + modelW(C, k), 0);
    const reported = kinds.reduce((s, k) => s + C[k][0], 0);
    expect(reported).toBeCloseTo(0.32, 9);
    expect(predicted).toBeCloseTo(0.3008, 4);
    expect(Math.abs(predicted / reported - 1)).toBeLessThan(0.1);
  });

  it("at 0.72 V (row D, another device) C·V² still predicts the fabric total within 5 %", () => {
    // DSP: 32 × 1e8 × 29 pF × 0.72² × 0.125 = 3.2e9 × 1.8792e-12 = 0.00601344 W. LUT: 13,867 × 1e8 × 0.95 pF ×
    // 0.5184 × 0.125 = 0.085365252 W. FF: 19,781 × 1e8 × 0.35 pF × 0.0648 = 0.044863308 W. BRAM at Vccbram 0.85 V:
    // 13.5 × 1e8 × 9.5 pF × 0.7225 = 0.0092660625 W. Sum 0.1455080625 W against 0.152 W reported: −4.3 %.
    const w = (cPf: number, n: number, v: number, toggle: number) => n * D.hz * cPf * 1e-12 * v * v * toggle;
    const parts = [
      w(ZU9.cDsp.value, D.dsp[1], 0.72, 0.125), w(ZU9.cLut.value, D.lut[1], 0.72, 0.125),
      w(ZU9.cFf.value, D.ff[1], 0.72, 0.125), w(ZU9.cBram36.value, D.bram[1], 0.85, 1),
    ];
    expect(parts[0]).toBeCloseTo(0.00601344, 9);
    expect(parts[1]).toBeCloseTo(0.085365252, 9);
    expect(parts[2]).toBeCloseTo(0.044863308, 9);
    expect(parts[3]).toBeCloseTo(0.0092660625, 9);
    const total = parts.reduce((s, x) => s + x, 0);
    const reported = D.dsp[0] + D.lut[0] + D.ff[0] + D.bram[0];
    expect(reported).toBeCloseTo(0.152, 9);
    expect(total / reported - 1).toBeCloseTo(-0.0427, 3);
  });

  it("fpgaEnergy over one second of row C's resources at the default toggle is the cross-check's watts", () => {
    // DSP ops at the default 12.5 % instead of XPE's 38 %: scale dspScale by 0.125 / 0.38 so the per-op energy is
    // the report-activity one. 1 s of C: cycles = 303.03e6; pJ / 1e12 = W.
    const cycles = 1e9 / 3.3;
    const e = fpgaEnergy(ZU9, { dspOps: 166 * cycles, lut: 4700, ff: 4244, bram36: 3, cycles, latencyUs: 0, dspScale: 0.125 / 0.38 });
    expect(e.dynamicPj / 1e12).toBeCloseTo(0.3008, 4);
  });

  it("XCZU9EG static is the report's device static; Versal and Agilex say what they carry over", () => {
    expect(ZU9.staticW.value).toBe(0.623);
    const vc = FPGA_POWER["xcvc1902-2mp"]!;
    const a5 = FPGA_POWER["a5e065b"]!;
    for (const t of [vc, a5]) {
      for (const x of [t.cLut, t.cFf, t.cBram36, t.staticW]) expect(x.source.startsWith("ASSUMPTION")).toBe(true);
      expect(t.cDsp.source.startsWith("ASSUMPTION")).toBe(true);
    }
    // Carried-over values equal the UltraScale+ calibration; Agilex's tensor block scales it by partial-product
    // bits: 29 × 1,280 / 486 = 76.4 pF → 76. Agilex static: 0.623 / 274,080 × 222,000 = 0.5046 W → 0.5.
    expect([vc.cDsp.value, vc.cLut.value, a5.cLut.value, a5.cFf.value, a5.cBram36.value]).toEqual([29, 0.95, 0.95, 0.35, 9.5]);
    expect(29 * (20 * 8 * 8) / (27 * 18)).toBeCloseTo(76.38, 2);
    expect(a5.cDsp.value).toBe(76);
    expect((0.623 / 274080) * 222000).toBeCloseTo(0.5046, 4);
    expect(a5.staticW.value).toBe(0.5);
  });
});
