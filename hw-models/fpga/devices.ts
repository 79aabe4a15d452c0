/**
 * FPGA device presets. Every count and frequency carries its source next to it; a figure that could not be
 * sourced is labelled as an assumption (and the README lists it).
 */

/** A figure with its unit and source. */
export interface Cited {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}
const c = (value: number, unit: string, source: string): Cited => ({ value, unit, source });

/** The hard multiply block a device offers. */
export type DspKind = "dsp48e2" | "dsp58" | "agilex5-tensor";

/** Packing modes (`packing=`): which multiplications one hard block does per cycle. */
export type PackingMode = "none" | "int8x2" | "int4x4" | "dot3" | "tensor";

export interface FpgaDevice {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly dspKind: DspKind;
  readonly dsp: Cited;
  readonly lut: Cited;
  readonly ff: Cited;
  /** 36 Kb block RAMs (Agilex: null, its M20K count is not sourced here). */
  readonly bram36: Cited | null;
  readonly uram: Cited;
  /** Fully pipelined hard-block fmax at this speed grade. */
  readonly dspFmaxMhz: Cited;
  /** Longest PCOUT→PCIN cascade (one DSP column). */
  readonly maxCascade: Cited;
  /** Packings the hard block offers (besides `none`). */
  readonly packings: readonly PackingMode[];
  /** Whether FP32 accumulation has a hard block (Versal DSPFP32). */
  readonly hardFp32: boolean;
}

const DS891 = "Xilinx DS891 Zynq UltraScale+ MPSoC Data Sheet: Overview, device table (ZU9EG)";
const DS950 = "Xilinx DS950 Versal Architecture and Product Data Sheet: Overview, AI Core series table (VC1902)";
const A5_KIT = "Intel 814550 Agilex 5 FPGA E-Series 065B Premium Development Kit User Guide §1.2 (A5E065B: 656K LE, 222K ALM, 846 DSP blocks)";

export const FPGA_DEVICES: readonly FpgaDevice[] = [
  {
    id: "xczu9eg-2",
    name: "Zynq UltraScale+ XCZU9EG, speed grade -2 (ZCU102)",
    family: "UltraScale+",
    dspKind: "dsp48e2",
    dsp: c(2520, "DSP48E2", DS891),
    lut: c(274080, "CLB LUTs", DS891),
    ff: c(548160, "CLB flip-flops", DS891),
    bram36: c(912, "36Kb block RAMs", `${DS891} (32.1 Mb)`),
    uram: c(0, "UltraRAMs", DS891),
    dspFmaxMhz: c(775, "MHz", "Xilinx DS925 Zynq UltraScale+ DC/AC switching characteristics, DSP48 FMAX with all registers used, -2 at VCCINT 0.85 V"),
    maxCascade: c(24, "DSP48E2", "Xilinx UG579: 24 DSP48E2 per column in one clock region (chains kept inside a clock region; DS925 note: cascades crossing the region centre may miss FMAX)"),
    packings: ["int8x2", "int4x4"],
    hardFp32: false,
  },
  {
    id: "xcvc1902-2mp",
    name: "Versal AI Core XCVC1902, speed grade -2MP (VCK190)",
    family: "Versal",
    dspKind: "dsp58",
    dsp: c(1968, "DSP58", "Xilinx AM004 Versal DSP Engine Architecture Manual, Table 1 (VC1902: 1,968 DSP58s)"),
    lut: c(899840, "CLB LUTs", DS950),
    ff: c(1799680, "CLB flip-flops", DS950),
    bram36: c(967, "36Kb block RAMs", DS950),
    uram: c(463, "UltraRAMs", DS950),
    dspFmaxMhz: c(760, "MHz", "Xilinx Versal DC/AC data sheets (DS957 AI Core; DS960 Table 'DSP58 Switching Characteristics'): FMAX_INT_MULT 27×24, -2 at VCCINT 0.80 V (M)"),
    maxCascade: c(164, "DSP58", "Xilinx AM004 Table 1: maximum cascadable DSP58s in one column, VC1902 = 164"),
    packings: ["dot3"],
    hardFp32: true,
  },
  {
    id: "a5e065b",
    name: "Agilex 5 E-Series A5E065B (AI tensor blocks)",
    family: "Agilex 5",
    dspKind: "agilex5-tensor",
    dsp: c(846, "DSP blocks", A5_KIT),
    lut: c(222000, "ALMs (8-input fracturable LUT each)", A5_KIT),
    ff: c(888000, "registers", "4 registers per ALM (Intel 762191 Agilex 5 Device Overview Table 11) × 222K ALMs"),
    bram36: null,
    uram: c(0, "URAM", "Agilex 5 has no UltraRAM (M20K only; its count is not sourced here)"),
    dspFmaxMhz: c(500, "MHz", "ASSUMPTION: the tensor-mode fMAX sits in the Agilex 5 Device Data Sheet's (Intel 813918) DSP performance table, which was not retrievable here; 500 MHz is a round placeholder below the 585-616 MHz Intel reports for FPGA AI Suite DSP designs on Agilex 7 (Intel 768974 §2.2), override with clock="),
    maxCascade: c(846, "DSP blocks", "Intel 813968 §3.3.4: tensor fixed-point mode cascades through cascade_data_in/out; column length not sourced, bounded by the device count"),
    packings: ["tensor"],
    hardFp32: false,
  },
];

export function fpgaDevice(id: string): FpgaDevice | undefined {
  return FPGA_DEVICES.find((d) => d.id === id.toLowerCase());
}
