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
 * TIM 2011, eq. 1), UG440's DSP width scaling, the Agilex 5 core voltage (Intel 821801) and the XCZU9EG PL static
 * power (derived from AMD's published ZU19EG − ZU2EG static difference, proportional to capacity). NOT SOURCED:
 * the per-resource capacitances and the Versal and Agilex 5 static powers — XPE/PDM/EPE ship them inside their
 * estimators, and no published table with these numbers was found (searched: UG440/UG1275/UG1556 and the power
 * white papers, DS925/DS957 quiescent-current tables, FPGA power-characterisation papers, Intel 813161/813918).
 * Each is labelled ASSUMPTION below with why that value; override them for a real estimate (XPE/Vivado report_power).
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
  cDsp: c(8, "pF", "ASSUMPTION (XPE's DSP coefficient is not published as a number): one 27×18 multiply + 48-bit add at 100 % toggle ≈ 8 pF, ≈5.8 pJ at 0.85 V and ≈2.2 pJ at XPE's 38 %, the order of a 16 nm hard multiplier-adder"),
  cLut: c(0.1, "pF", "ASSUMPTION (no per-LUT UltraScale+ figure is published): one LUT6 output toggle with its local interconnect ≈ 0.1 pF, routing-dominated as Li et al., IEEE TCAD 24(11) 2005 find for FPGA dynamic power"),
  cFf: c(0.02, "pF", "ASSUMPTION (no per-FF UltraScale+ figure is published): one CLB flip-flop toggle ≈ 0.02 pF, a fifth of a routed LUT output since an FF drives only local wiring"),
  cBram36: c(20, "pF", "ASSUMPTION (XPE's block-RAM coefficient is not published as a number): one RAMB36 read on a 36-bit port ≈ 20 pF, ≈14 pJ at 0.85 V"),
};

/** Power tables by device id. */
export const FPGA_POWER: Readonly<Record<string, FpgaPowerTable>> = {
  "xczu9eg-2": {
    ...US_PLUS,
    vccint: c(0.85, "V", "Xilinx DS925: -2 speed grade at VCCINT 0.85 V (the grade devices.ts takes fmax from)"),
    // 850 mW × 274,080 / (522,720 − 47,232) LUTs = 0.4900 W (LUT counts: DS891 device table).
    staticW: c(0.49, "W", "Derived from AMD/Xilinx Wiki 'Power Optimization Guide for Zynq UltraScale+ MPSoC', Device Selection > Device Capacity: 'XCZU19EG device consumes 850mW more than a XCZU2EG device in static power' and static power is 'directly proportional to device capacity' → 850 mW / (522,720 − 47,232 CLB LUTs, DS891) × 274,080 LUTs (XCZU9EG) = 0.49 W of PL static; the wiki's junction temperature and process corner are not stated"),
  },
  "xcvc1902-2mp": {
    ...US_PLUS,
    cDsp: c(8, "pF", "ASSUMPTION (UG1275's DSP58 model is per mode and not published as numbers): a DSP58 27×24 op taken as the DSP48E2's 8 pF; the wider multiplier and the 7 nm node roughly offset"),
    vccint: c(0.8, "V", "Xilinx Versal DC/AC data sheets (DS957/DS960): -2MP at VCCINT 0.80 V (the grade devices.ts takes fmax from)"),
    staticW: c(3, "W", "ASSUMPTION (DS957 gives no typical quiescent current; PDM holds it): XCVC1902 PL + NoC static at Tj = 25 °C ≈ 3 W, about 3.3 µW per LUT for 899,840 LUTs, above the ≈1.8 µW/LUT of 16 nm Zynq UltraScale+ (power.ts xczu9eg-2 row) since 7 nm leaks more per area"),
  },
  a5e065b: {
    ...US_PLUS,
    cDsp: c(20, "pF", "ASSUMPTION (Intel's power estimator coefficients are not published as numbers): one tensor-block cycle, 20 int8 MACs (813968 §2.3), ≈ 20 pF, about 1 pF per 8×8 product"),
    vccint: c(0.8, "V", "Intel 821801 Agilex 5 PCB Design Guidelines, Table 23 'Agilex 5 SmartVID Device PCB Power Rail Tolerance': VCCL SmartVID Vnom 0.8 V (each device's fused VID lies in 0.7-0.9 V, Intel 813161 Power Management User Guide §5.1.1)"),
    staticW: c(0.4, "W", "ASSUMPTION (Intel publishes no typical static figure for Agilex 5 outside its estimator): A5E065B core static at Tj = 25 °C ≈ 0.4 W, about 1.8 µW per ALM for 222K ALMs, the per-LUT rate derived for 16 nm Zynq UltraScale+ (power.ts xczu9eg-2 row)"),
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
