/**
 * FPGA energy per inference: per-resource dynamic energy at a stated toggle rate, plus static power × latency.
 *
 * The model is XPE's (Xilinx UG440 "Xilinx Power Estimator User Guide", UG1275 for Versal): dynamic power of each
 * resource type = count × clock × toggle rate × a per-resource coefficient, at the device's VCCINT; static power
 * is the device leakage. Energy = Σ dynamic power × time + static power × latency. We write it per event:
 *   DSP:  dspOps × E_dsp(100 % toggle) × toggleDsp × widthScale        (one op = one hard-block multiply-add)
 *   LUT:  LUTs × cycles × toggleLogic × E_lut                          (E per output toggle, routing included)
 *   FF:   FFs  × cycles × toggleLogic × E_ff                           (clock-tree power folded in)
 *   BRAM: BRAM36 × cycles × E_bram36 read                              (weight BRAMs read every cycle)
 *   static: P_static × latency
 *
 * CALIBRATION (UltraScale+, 16 nm, VCCINT 0.85 V). AMD publishes no XPE coefficients, but Vivado's report_power
 * prints them applied: its "On-Chip Components" table gives each resource type's power next to its used count, at a
 * stated clock. We read two routed single-clock reports committed to public repositories (fit rows A and B, below)
 * and keep a third (C) out of the fit as the cross-check. Per resource, E per resource-cycle = Σ power / Σ (count ×
 * clock) over A and B (a pooled ratio: each design weighted by its resource-cycles); then capacitance =
 * E / (V² × 0.125), since the reports propagate activity vectorlessly from Vivado's 12.5 % default input toggle
 * (UG835, set_switching_activity -default_toggle_rate), so the model reproduces the reports at that toggle. Routing ("Signals") is charged to
 * LUTs and the clock tree ("Clocks") to FFs. Residuals (fit value vs each row): DSP +22 % / −18 %, LUT+routing
 * −30 % / +5 %, FF+clock −15 % / +1 %, BRAM +4 % / 0 % (A / B). Cross-check on C (not fitted): the four groups
 * predict 0.301 W vs C's 0.320 W (−6 %); per group DSP +14 %, BRAM +4 %, LUT+routing −22 %, FF+clock −3 %.
 * Second cross-check D, another device at another voltage (Kria xck26-2LV, logic at VCCINT 0.72 V, BRAM on VCCBRAM
 * 0.85 V; github dolvlod/gemm-beto-kv260 @1df1595e, hw_design/vivado/gemm_beto_kv260/gemm_beto_kv260.runs/impl_1/
 * prototipo_1_wrapper_power_routed.rpt, one 10 ns clock): 0.146 W vs 0.152 W (−4 %), per group DSP −40 %,
 * LUT+routing −17 %, FF+clock +36 %, BRAM +54 %. So a design's fabric total holds to within ~6 %, one resource
 * group only to within about ±50 %.
 * What stays an assumption: that the reports' DSP data toggled at the 12.5 % default (so XPE's 38 % random-data
 * rate triples the per-op figure); the BRAM figure is at the reports' enable rate, not a guaranteed read each
 * cycle; and every Versal and Agilex 5 coefficient except voltage, which carry the UltraScale+ calibration over
 * (no Versal/Agilex report or PDM/PTC table with per-resource numbers was found) and say so.
 */
import type { Cited } from "./devices.js";
import type { FpgaDevice, PackingMode } from "./devices.js";

const c = (value: number, unit: string, source: string): Cited => ({ value, unit, source });

const UG440_DSP = "Xilinx UG440 (XPE User Guide), 'Using the DSP Sheet': XPE's DSP default is a 27×18 multiply; random data toggles ≈38 %; scale the toggle rate by 0.86 for 18×18 and by 0.8 for 12×12";
const UG1275_LOGIC = "Xilinx UG1275 (XPE for Versal), 'Logic' sheet: default toggle rate 12.5 % (one transition every eight cycles), LUT/register power per clock and toggle rate";
const CV2 = "dynamic energy per toggle = C·V² (Jevtic & Carreras, IEEE TIM 2011, eq. 1: P = α·C·V²·f)";

// Fit rows: Vivado report_power, routed, vectorless (no SAIF), §1.1 "On-Chip Components" (power W / used count).
const ROW_A = "[A] github mfkiwl/FSRCNN_ZCU102_accelerator @64afba4d, ip_repo/Expanding_Layer/Expanding_Layer.runs/impl_1/Expanding_Layer_power_routed.rpt (Vivado 2023.1, xczu9eg-ffvb1156-2-e, one 3.3 ns clock = 303.03 MHz)";
const ROW_B = "[B] github I-am-VarunM/ZCU104_src_power @678f05ce, project_2/project_2.runs/impl_1/Base_Zynq_MPSoC_wrapper_power_routed.rpt (Vivado 2019.1, xczu7ev-ffvc1156-2-e, one 10 ns clock = 100 MHz)";
const FIT = "pooled over A and B: E = Σ W / Σ (count × Hz); capacitance = E / (0.85² V² × 0.125 Vivado default toggle, UG835 set_switching_activity)";
const HOLDOUT = "cross-check, not fitted: [C] same repo as A, ip_repo/Shrinking_Layer/Shrinking_Layer.runs/impl_1/Shrinking_Layer_power_routed.rpt";

/** Per-device power coefficients. Energies are per event at 100 % toggle and the device's VCCINT. */
export interface FpgaPowerTable {
  readonly vccint: Cited;
  /** Toggle rate of DSP data (random operands). */
  readonly toggleDsp: Cited;
  /** Toggle rate of LUT/FF logic. */
  readonly toggleLogic: Cited;
  /** Switched capacitance of one full-width hard-block op (pF). */
  readonly cDsp: Cited;
  /** Switched capacitance per LUT output toggle, routing included (pF). */
  readonly cLut: Cited;
  /** Switched capacitance per FF toggle, clock tree included (pF). */
  readonly cFf: Cited;
  /** Switched capacitance of one 36 Kb block-RAM read (pF). */
  readonly cBram36: Cited;
  /** Device static (leakage) power near 25 °C junction (W). */
  readonly staticW: Cited;
}

const US_PLUS: Omit<FpgaPowerTable, "vccint" | "staticW"> = {
  toggleDsp: c(0.38, "toggles/cycle", UG440_DSP),
  toggleLogic: c(0.125, "toggles/cycle", UG1275_LOGIC),
  cDsp: c(29, "pF", `Calibrated from Vivado report_power 'DSPs' rows: ${ROW_A}: 0.125 W / 192 DSPs; ${ROW_B}: 0.164 W / 513 DSPs; ${FIT}: 0.289 W / (192 × 303.03 MHz + 513 × 100 MHz) = 2.640 pJ per DSP-cycle → 29.2 pF, rounded 29 (residuals A +22 %, B −18 %; ${HOLDOUT}: 0.116 W / 166 DSPs, predicted +14 %). Assumes the reports' DSP data toggled at the 12.5 % default`),
  cLut: c(0.95, "pF", `Calibrated from Vivado report_power rows LUT as Logic + CARRY8 + LUT as Shift Register/Distributed RAM + Signals (routing charged to LUTs): ${ROW_A}: 0.068 + 0.006 + 0.070 = 0.144 W / 3,885 LUTs; ${ROW_B}: 0.393 + 0.010 + 0.009 + 0.379 = 0.791 W / 96,864 LUTs; ${FIT}: 86.1 fJ per LUT-cycle → 0.953 pF, rounded 0.95 (residuals A −30 %, B +5 %; C: 0.156 W / 4,700 LUTs, predicted −22 %)`),
  cFf: c(0.35, "pF", `Calibrated from Vivado report_power rows Register + Clocks (clock tree charged to FFs): ${ROW_A}: 0.001 + 0.031 = 0.032 W / 2,846 FFs; ${ROW_B}: 0.031 + 0.218 = 0.249 W / 79,687 FFs; ${FIT}: 31.8 fJ per FF-cycle → 0.352 pF, rounded 0.35 (residuals A −15 %, B +1 %; C: 0.042 W / 4,244 FFs, predicted −3 %)`),
  cBram36: c(9.5, "pF", `Calibrated from Vivado report_power 'Block RAM' rows: ${ROW_A}: 0.008 W / 4 RAMB36; ${ROW_B}: 0.132 W / 192 RAMB36; pooled 0.140 W / (4 × 303.03 MHz + 192 × 100 MHz) = 6.859 pJ per BRAM-cycle at the reports' (vectorless) enable rate → / 0.85² V² = 9.49 pF, rounded 9.5 (residuals A +4 %, B 0 %; C: 0.006 W / 3, predicted +4 %)`),
};

/** A coefficient with no Versal/Agilex source of its own: the UltraScale+ calibration carried over, labelled so. */
function carried(x: Cited, why: string): Cited {
  return { ...x, source: `ASSUMPTION (${why}): the UltraScale+ value calibrated in power.ts (xczu9eg-2 row) carried over` };
}

/** Per-LUT static of the XCZU9EG from the row below: 0.623 W / 274,080 LUTs (DS891) = 2.27 µW. */
const ZU9_STATIC = "Vivado 2023.1 report_power on the XCZU9EG-2 ([A] github mfkiwl/FSRCNN_ZCU102_accelerator @64afba4d, ip_repo/Expanding_Layer/Expanding_Layer.runs/impl_1/Expanding_Layer_power_routed.rpt §1 Summary): 'Device Static (W) 0.623' at junction 26.0 °C, typical process (the Shrinking_Layer report in the same repo gives the same 0.623 W); the earlier derivation from AMD's wiki (850 mW ZU19EG − ZU2EG difference ∝ LUTs) gave 0.49 W";

/** Power tables by device id. */
export const FPGA_POWER: Readonly<Record<string, FpgaPowerTable>> = {
  "xczu9eg-2": {
    ...US_PLUS,
    vccint: c(0.85, "V", "Xilinx DS925: -2 speed grade at VCCINT 0.85 V (the grade devices.ts takes fmax from)"),
    staticW: c(0.623, "W", ZU9_STATIC),
  },
  "xcvc1902-2mp": {
    ...US_PLUS,
    cDsp: carried(US_PLUS.cDsp, "UG1275/UG1556's DSP58 model is per mode and not published as numbers; no Versal report_power with DSP rows was found: a DSP58 27×24 op taken as the DSP48E2's, the 33 % wider multiplier and the 7 nm node roughly offsetting"),
    cLut: carried(US_PLUS.cLut, "no Versal per-LUT figure found"),
    cFf: carried(US_PLUS.cFf, "no Versal per-FF figure found"),
    cBram36: carried(US_PLUS.cBram36, "no Versal block-RAM figure found"),
    vccint: c(0.8, "V", "Xilinx Versal DC/AC data sheets (DS957/DS960): -2MP at VCCINT 0.80 V (the grade devices.ts takes fmax from)"),
    staticW: c(3, "W", "ASSUMPTION (DS957 gives no typical quiescent current; PDM holds it, and no Versal report_power was found): XCVC1902 PL + NoC static at Tj = 25 °C ≈ 3 W, about 3.3 µW per LUT for 899,840 LUTs, above the 2.27 µW/LUT Vivado reports for the 16 nm XCZU9EG (power.ts xczu9eg-2 row: 0.623 W / 274,080 LUTs) since 7 nm leaks more per area"),
  },
  a5e065b: {
    ...US_PLUS,
    cDsp: c(76, "pF", "ASSUMPTION (Intel's power estimator coefficients are not published as numbers; no Quartus power report with tensor-block rows was found): one tensor-block cycle, 20 int8 MACs (813968 §2.3), scaled from the DSP48E2 calibration in power.ts by multiplier partial-product bits: 29 pF × (20 × 8 × 8) / (27 × 18) = 76.4 pF, rounded 76, with no credit for the Intel 7 node (so likely high)"),
    cLut: carried(US_PLUS.cLut, "no Agilex 5 per-ALM figure found; one ALM is counted as one LUT"),
    cFf: carried(US_PLUS.cFf, "no Agilex 5 per-register figure found"),
    cBram36: carried(US_PLUS.cBram36, "no Agilex 5 M20K figure found"),
    vccint: c(0.8, "V", "Intel 821801 Agilex 5 PCB Design Guidelines, Table 23 'Agilex 5 SmartVID Device PCB Power Rail Tolerance': VCCL SmartVID Vnom 0.8 V (each device's fused VID lies in 0.7-0.9 V, Intel 813161 Power Management User Guide §5.1.1)"),
    staticW: c(0.5, "W", "ASSUMPTION (Intel publishes no typical static figure for Agilex 5 outside its estimator): A5E065B core static at Tj = 25 °C ≈ 2.27 µW per ALM × 222,000 ALMs = 0.504 W, rounded 0.5, the per-LUT rate Vivado reports for the 16 nm XCZU9EG (power.ts xczu9eg-2 row: 0.623 W / 274,080 LUTs)"),
  },
};

/**
 * DSP toggle-width scale (UG440): XPE's DSP model is a full 27×18 multiply; narrower operands toggle less: 0.86
 * for 18×18, 0.8 for 12×12 (and below: the smallest listed). Packed modes drive the full ports (1.0).
 */
export function dspWidthScale(packing: PackingMode, wBits: number, aBits: number): number {
  if (packing !== "none") return 1;
  const m = Math.max(wBits, aBits);
  return m <= 12 ? 0.8 : m <= 18 ? 0.86 : 1;
}

export interface FpgaEnergyInput {
  readonly dspOps: number;
  readonly lut: number;
  readonly ff: number;
  readonly bram36: number;
  readonly cycles: number;
  readonly latencyUs: number;
  readonly dspScale: number;
}

export interface FpgaEnergy {
  readonly totalPj: number;
  readonly dynamicPj: number;
  readonly breakdownPj: Record<string, number>;
  /** Energies per event (pJ) at the table's voltage and toggle rates. */
  readonly perEventPj: { readonly dspOp: number; readonly lutCycle: number; readonly ffCycle: number; readonly bramCycle: number };
}

/** Energy per inference from the table (pF·V² = pJ; W·µs = µJ = 1e6 pJ). */
export function fpgaEnergy(t: FpgaPowerTable, x: FpgaEnergyInput): FpgaEnergy {
  const v2 = t.vccint.value ** 2;
  const dspOp = t.cDsp.value * v2 * t.toggleDsp.value * x.dspScale;
  const lutCycle = t.cLut.value * v2 * t.toggleLogic.value;
  const ffCycle = t.cFf.value * v2 * t.toggleLogic.value;
  const bramCycle = t.cBram36.value * v2;
  const breakdownPj = {
    "DSP (dynamic)": x.dspOps * dspOp,
    "LUT (dynamic)": x.lut * x.cycles * lutCycle,
    "FF (dynamic)": x.ff * x.cycles * ffCycle,
    "BRAM (dynamic)": x.bram36 * x.cycles * bramCycle,
    "static": t.staticW.value * x.latencyUs * 1e6,
  };
  const dynamicPj = breakdownPj["DSP (dynamic)"] + breakdownPj["LUT (dynamic)"] + breakdownPj["FF (dynamic)"] + breakdownPj["BRAM (dynamic)"];
  return { totalPj: dynamicPj + breakdownPj.static, dynamicPj, breakdownPj, perEventPj: { dspOp, lutCycle, ffCycle, bramCycle } };
}

/** The table's constants as cost assumptions. */
export function powerAssumptions(dev: FpgaDevice, t: FpgaPowerTable): { name: string; value: number; unit: string; source: string }[] {
  const n = (s: string) => `fpga:${dev.id} ${s}`;
  return [
    { name: n("VCCINT"), ...t.vccint },
    { name: n("DSP data toggle rate"), ...t.toggleDsp },
    { name: n("LUT/FF toggle rate"), ...t.toggleLogic },
    { name: n("DSP op switched capacitance"), ...t.cDsp },
    { name: n("LUT switched capacitance"), ...t.cLut },
    { name: n("FF switched capacitance"), ...t.cFf },
    { name: n("RAMB36 read switched capacitance"), ...t.cBram36 },
    { name: n("static power"), ...t.staticW },
    { name: "dynamic energy law", value: 1, unit: "C·V²", source: CV2 },
  ];
}

export function fpgaPowerTable(dev: FpgaDevice): FpgaPowerTable {
  const t = FPGA_POWER[dev.id];
  if (!t) throw new Error(`no power table for fpga:${dev.id}`);
  return t;
}
