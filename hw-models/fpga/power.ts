/**
 * FPGA energy per inference: per-resource dynamic energy at a stated toggle rate, plus static power × latency.
 *
 * The model is XPE's (Xilinx UG440 "Xilinx Power Estimator User Guide", UG1275 for Versal): dynamic power of each
 * resource type = count × clock × toggle rate × a per-resource coefficient, at the device's VCCINT; static power
 * is the device leakage. Energy = Σ dynamic power × time + static power × latency. We write it per event:
 *   DSP:  dspOps × E_dsp(100 % toggle) × toggleDsp × widthScale        (one op = one hard-block multiply-add)
 *   LUT:  LUTs × cycles × toggleLogic × E_lut                          (E per output toggle, routing included)
 *   FF:   FFs  × cycles × toggleLogic × E_ff
 *   BRAM: BRAM36 × cycles × E_bram36 read                              (weight BRAMs read every cycle)
 *   static: P_static × latency
 *
 * SOURCED here: the structure and the toggle-rate conventions (UG440/UG1275), VCCINT and the V² scaling
 * (dynamic energy per toggle = C·V², Jevtic & Carreras, "Power Measurement Methodology for FPGA Devices", IEEE
 * TIM 2011, eq. 1), and UG440's DSP width scaling. NOT SOURCED: the per-resource capacitances and the static
 * powers — XPE ships them inside its spreadsheet, and no published table with these numbers was at hand. Each is
 * labelled ASSUMPTION below with how it was chosen; override them for a real estimate (XPE/Vivado report_power).
 */
import type { Cited } from "./devices.js";
import type { FpgaDevice, PackingMode } from "./devices.js";

const c = (value: number, unit: string, source: string): Cited => ({ value, unit, source });

const UG440_DSP = "Xilinx UG440 (XPE User Guide), 'Using the DSP Sheet': XPE's DSP default is a 27×18 multiply; random data toggles ≈38 %; scale the toggle rate by 0.86 for 18×18 and by 0.8 for 12×12";
const UG1275_LOGIC = "Xilinx UG1275 (XPE for Versal), 'Logic' sheet: default toggle rate 12.5 % (one transition every eight cycles), LUT/register power per clock and toggle rate";
const CV2 = "dynamic energy per toggle = C·V² (Jevtic & Carreras, IEEE TIM 2011, eq. 1: P = α·C·V²·f)";

/** Per-device power coefficients. Energies are per event at 100 % toggle and the device's VCCINT. */
export interface FpgaPowerTable {
  readonly vccint: Cited;
  /** Toggle rate of DSP data (random operands). */
  readonly toggleDsp: Cited;
  /** Toggle rate of LUT/FF logic. */
  readonly toggleLogic: Cited;
  /** Switched capacitance of one full-width hard-block op (pF). */
  readonly cDsp: Cited;
  /** Switched capacitance per LUT output toggle, local routing included (pF). */
  readonly cLut: Cited;
  /** Switched capacitance per FF toggle, clock pin share included (pF). */
  readonly cFf: Cited;
  /** Switched capacitance of one 36 Kb block-RAM read (pF). */
  readonly cBram36: Cited;
  /** Device static (leakage) power at 25 °C junction (W). */
  readonly staticW: Cited;
}

const US_PLUS: Omit<FpgaPowerTable, "vccint" | "staticW"> = {
  toggleDsp: c(0.38, "toggles/cycle", UG440_DSP),
  toggleLogic: c(0.125, "toggles/cycle", UG1275_LOGIC),
  cDsp: c(8, "pF", "ASSUMPTION: one 27×18 multiply + 48-bit add at 100 % toggle ≈ 8 pF (≈5.8 pJ at 0.85 V, ≈2.2 pJ at XPE's 38 %); order of 16 nm hard multipliers, not an XPE number"),
  cLut: c(0.1, "pF", "ASSUMPTION: one LUT6 output toggle with its local interconnect ≈ 0.1 pF (interconnect dominates FPGA dynamic power, Li et al., IEEE TCAD 24(11) 2005); not an XPE number"),
  cFf: c(0.02, "pF", "ASSUMPTION: one CLB flip-flop toggle ≈ 0.02 pF; not an XPE number"),
  cBram36: c(20, "pF", "ASSUMPTION: one RAMB36 read (36-bit port) ≈ 20 pF (≈14 pJ at 0.85 V); not an XPE number"),
};

/** Power tables by device id. */
export const FPGA_POWER: Readonly<Record<string, FpgaPowerTable>> = {
  "xczu9eg-2": {
    ...US_PLUS,
    vccint: c(0.85, "V", "Xilinx DS925: -2 speed grade at VCCINT 0.85 V (the grade devices.ts takes fmax from)"),
    staticW: c(0.6, "W", "ASSUMPTION: PL static of an XCZU9EG at Tj = 25 °C ≈ 0.6 W (XPE-style typical; leakage grows exponentially with Tj, UG1275 'Thermal Settings'); not a DS925 number"),
  },
  "xcvc1902-2mp": {
    ...US_PLUS,
    cDsp: c(8, "pF", "ASSUMPTION: DSP58 27×24 op taken as the DSP48E2's 8 pF (7 nm; UG1275's DSP58 model is per mode and not published as numbers)"),
    vccint: c(0.8, "V", "Xilinx Versal DC/AC data sheets (DS957/DS960): -2MP at VCCINT 0.80 V (the grade devices.ts takes fmax from)"),
    staticW: c(3, "W", "ASSUMPTION: XCVC1902 PL+NoC static at Tj = 25 °C ≈ 3 W (a 900K-LUT 7 nm device); not a data-sheet number"),
  },
  a5e065b: {
    ...US_PLUS,
    cDsp: c(20, "pF", "ASSUMPTION: one Agilex 5 tensor-block step (20 int8 MACs) ≈ 20 pF; Intel's EPE coefficients are not published as numbers"),
    vccint: c(0.75, "V", "ASSUMPTION: Agilex 5 core VCC 0.75 V nominal (SmartVID range not sourced here)"),
    staticW: c(0.4, "W", "ASSUMPTION: A5E065B static at Tj = 25 °C ≈ 0.4 W; not a data-sheet number"),
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
