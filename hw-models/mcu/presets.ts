import type { CoreTiming } from "./iss/timing.js";
import { CORTEX_M4_TIMING, CORTEX_M55_TIMING, CORTEX_M7_TIMING, CV32E40P_TIMING } from "./iss/timing.js";

/** A figure with its unit and source (a number without a source is a bug). */
export interface Cited {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}
const c = (value: number, unit: string, source: string): Cited => ({ value, unit, source });

/** An MCU preset: cores, ISA, clock, memories, power. Memory sizes in bytes. */
export interface McuPreset {
  readonly id: string;
  readonly description: string;
  /** `hwsim isa` target of its cores. */
  readonly isa: "cortex-m4" | "cortex-m7" | "cortex-m55" | "cv32e40p" | "cv32e40p-xpulpnn";
  readonly timing: CoreTiming;
  readonly cores: number;
  readonly tcdmBanks: number;
  readonly sharedFpus: number;
  readonly hasFpu: boolean;
  readonly hasFp16Simd: boolean;
  readonly clockMhz: Cited;
  /** Where weights live (Flash on Cortex-M, L2 on PULP) and where activations live (SRAM / L1). */
  readonly weightMemoryBytes: Cited;
  readonly activationMemoryBytes: Cited;
  /** PULP: L2→L1 DMA bandwidth (bytes per cycle); 0 where data is read in place. */
  readonly dmaBytesPerCycle: Cited;
  /** Active power per cycle (whole chip in run mode, or the cluster), pJ per cycle. */
  readonly energyPerCyclePj: Cited;
  /** Energy per byte moved by DMA (L2 SRAM read + L1 write). */
  readonly dmaPjPerByte: Cited;
  /** PULP: off-chip L3 (HyperRAM) for weights that do not fit L2: bandwidth and energy; 0 = none (refuse). */
  readonly l3BytesPerCycle: Cited;
  readonly l3PjPerByte: Cited;
  /** Barrier at the end of each parallel layer. */
  readonly barrierCycles: Cited;
}

const HOROWITZ_SRAM = "Horowitz ISSCC 2014: 1 MB SRAM 100 pJ per 64-bit read (45 nm) = 12.5 pJ/byte, plus an 8 KB write 10 pJ/64 bit = 1.25 pJ/byte";

const HYPERRAM_PJ = "assumption: ~100 pJ/B for an off-chip HyperRAM access incl. I/O, an order-of-magnitude figure: the Cypress S27KS0641 datasheet gives read currents but the board I/O energy depends on the trace load, which no source here fixes";
const GLASER_BARRIER = "Glaser et al., 'Hardware-Accelerated Energy-Efficient Synchronization and Communication for Ultra-Low-Power Tightly Coupled Clusters', DATE 2019, abstract: hardware barrier latency of eleven cycles, independent of the number of cores (the SCU of PULP clusters)";

/** The figures every single-core preset shares: no DMA, no external weight memory, no barrier. */
const SINGLE_CORE_IN_PLACE = {
  dmaPjPerByte: c(0, "pJ/B", "no DMA"),
  l3BytesPerCycle: c(0, "B/cycle", "no external weight memory modelled"),
  l3PjPerByte: c(0, "pJ/B", "no external weight memory modelled"),
  barrierCycles: c(0, "cycles", "single core"),
} as const;

export const MCU_PRESETS: readonly McuPreset[] = [
  {
    id: "cortex-m4",
    description: "Cortex-M4F with DSP extension, STM32L4-class (STM32L476: 80 MHz, 1 MB Flash, 128 KB SRAM)",
    isa: "cortex-m4", timing: CORTEX_M4_TIMING, cores: 1, tcdmBanks: 0, sharedFpus: 0, hasFpu: true, hasFp16Simd: false,
    clockMhz: c(80, "MHz", "ST DS10198 STM32L476xx datasheet §1: Cortex-M4 up to 80 MHz"),
    weightMemoryBytes: c(1024 * 1024, "B", "ST DS10198: 1 MB Flash"),
    activationMemoryBytes: c(128 * 1024, "B", "ST DS10198: 128 KB SRAM"),
    dmaBytesPerCycle: c(0, "B/cycle", "operands read in place from Flash/SRAM (no DMA tiling)"),
    energyPerCyclePj: c(300, "pJ/cycle", "ST DS10198 front page: run mode 100 µA/MHz × 3.0 V = 300 pJ/cycle"),
    ...SINGLE_CORE_IN_PLACE,
  },
  {
    id: "cortex-m7",
    description: "Cortex-M7 dual-issue, STM32H7-class (STM32H743: 480 MHz, 2 MB Flash, 1 MB SRAM)",
    isa: "cortex-m7", timing: CORTEX_M7_TIMING, cores: 1, tcdmBanks: 0, sharedFpus: 0, hasFpu: true, hasFp16Simd: false,
    clockMhz: c(480, "MHz", "ST DS12110 STM32H743xI datasheet §1: Cortex-M7 up to 480 MHz"),
    weightMemoryBytes: c(2 * 1024 * 1024, "B", "ST DS12110: 2 MB Flash"),
    activationMemoryBytes: c(1024 * 1024, "B", "ST DS12110: 1 MB RAM (864 KB user SRAM + TCM)"),
    dmaBytesPerCycle: c(0, "B/cycle", "operands read in place (no DMA tiling)"),
    energyPerCyclePj: c(792, "pJ/cycle", "assumption: 264 µA/MHz × 3.0 V = 792 pJ/cycle, from a recalled ST DS12110 front-page run-mode figure (~263 µA/MHz); the datasheet's run-current table (DS12110 §6.3.6) was not readable from here, so the value stays unverified"),
    ...SINGLE_CORE_IN_PLACE,
  },
  {
    id: "cortex-m55",
    description: "Cortex-M55 with Helium (MVE), Alif Ensemble-class high-efficiency core (160 MHz)",
    isa: "cortex-m55", timing: CORTEX_M55_TIMING, cores: 1, tcdmBanks: 0, sharedFpus: 0, hasFpu: true, hasFp16Simd: true,
    clockMhz: c(160, "MHz", "Alif Ensemble Software Reference Manual §2.4 Real-Time Subsystem (swrm.alifsemi.com): the RTSS-HE Cortex-M55 runs at up to 160 MHz"),
    weightMemoryBytes: c(2 * 1024 * 1024, "B", "assumption: 2 MB of the E3's MRAM for weights; no Alif page giving the E3 MRAM size per part number could be read here (the part-number decoder is in the datasheet)"),
    activationMemoryBytes: c(256 * 1024, "B", "Alif Ensemble Software Reference Manual §2.4: RTSS-HE Cortex-M55 with 256 KB ITCM + 256 KB DTCM (activations in the DTCM); Alif white paper AWPR0003 'RAM Regions and Linker Files', SRAM bank table: SRAM5 256 KB at 160 MHz"),
    dmaBytesPerCycle: c(0, "B/cycle", "operands read in place (no DMA tiling)"),
    energyPerCyclePj: c(150, "pJ/cycle", "assumption: ~24 mW at 160 MHz for the HE subsystem in run mode = 150 pJ/cycle (recalled; Alif's power white paper 'Alif Processors Power Saving Features' gives no run-mode current, and the E3 datasheet table was not readable here)"),
    ...SINGLE_CORE_IN_PLACE,
  },
  ...(["cv32e40p", "cv32e40p-xpulpnn"] as const).map((isa): McuPreset => ({
    id: isa,
    description: isa === "cv32e40p" ? "one CV32E40P (RI5CY) core, XpulpV2, with FPU and FP16 SIMD (PULP smallFloat)" : "one CV32E40P core with the XpulpNN nibble/crumb dot products",
    isa, timing: CV32E40P_TIMING, cores: 1, tcdmBanks: 0, sharedFpus: 0, hasFpu: true, hasFp16Simd: true,
    clockMhz: c(isa === "cv32e40p" ? 450 : 250, "MHz", isa === "cv32e40p" ? "assumption: 450 MHz, recalled from Pullini et al., Mr. Wolf, IEEE JSSC 54(7) 2019; its abstract (read here) gives 850 MMAC/s and 153 mW for the 8-core cluster but no clock, and the body was not readable" : "assumption: 250 MHz in 22 nm, recalled from Garofalo et al., XpulpNN, DATE 2020; the paper's implementation table was not readable here"),
    weightMemoryBytes: c(512 * 1024, "B", "PULPissimo L2 512 KB (Schiavone et al., PATMOS 2018)"),
    activationMemoryBytes: c(64 * 1024, "B", "PULP cluster L1 TCDM 64 KB (Rossi et al., PULP, IEEE Micro 2017)"),
    dmaBytesPerCycle: c(0, "B/cycle", "single core reads L2 in place"),
    energyPerCyclePj: c(isa === "cv32e40p" ? 9 : 9.7, "pJ/cycle", isa === "cv32e40p" ? "assumption: ~9 pJ/cycle core energy (65 nm, 0.8 V class), recalled from Gautschi et al., RI5CY, IEEE TVLSI 2017; its power table was not readable here" : "assumption: 9 pJ/cycle (RI5CY) × 1.08, the ~8% XpulpNN core power overhead recalled from Garofalo et al., DATE 2020; not readable here"),
    ...SINGLE_CORE_IN_PLACE,
  })),
  {
    id: "pulp-cluster",
    description: "PULP cluster: 8 CV32E40P (RI5CY) cores, 4 shared FPUs with FP16 SIMD, 16-bank TCDM (the FP16 study's platform class)",
    isa: "cv32e40p", timing: CV32E40P_TIMING, cores: 8, tcdmBanks: 16, sharedFpus: 4, hasFpu: true, hasFp16Simd: true,
    clockMhz: c(370, "MHz", "assumption: 370 MHz, recalled from Nadalini et al. 2023 arXiv:2305.19167 §5; its abstract names the platform only as 'a RISC-V-based 8+1-core MCU' and the evaluation section was not readable here"),
    weightMemoryBytes: c(1536 * 1024, "B", "Rossi et al., Vega, IEEE JSSC 57(1) 2022 (arXiv:2110.09101), abstract: 1.6 MB of state-retentive SRAM; 1.5 MiB of it modelled as the interleaved L2 that holds weights (the split is an assumption)"),
    activationMemoryBytes: c(128 * 1024, "B", "assumption: 128 KB shared L1 TCDM, 16 banks, 4 shared FPUs, recalled from Vega (Rossi et al. JSSC 2022, §II); the abstract read here gives only the 9-core cluster"),
    dmaBytesPerCycle: c(8, "B/cycle", "PULP cluster DMA: 64-bit AXI L2→L1 = 8 B/cycle (Rossi et al., IEEE Micro 2017)"),
    energyPerCyclePj: c(110.5, "pJ/cycle", "Rossi et al., Vega, IEEE JSSC 57(1) 2022, abstract: 32.2 GOPS at 49.4 mW peak on the 9-core cluster (int8 SIMD); 32.2 GOPS ÷ 72 ops/cycle (9 cores × 4 int8 MACs × 2) = 447 M cycles/s, so 49.4 mW ÷ 447 MHz = 110.5 pJ/cycle (the cycle rate is derived, not quoted; the whole-cluster figure is kept for 8 compute cores)"),
    dmaPjPerByte: c(13.75, "pJ/B", HOROWITZ_SRAM),
    l3BytesPerCycle: c(1, "B/cycle", "HyperBus HyperRAM: 8-bit DDR at 200 MHz = 400 MB/s (Cypress S27KS0641 datasheet) ≈ 1 B per 370 MHz cycle"),
    l3PjPerByte: c(100, "pJ/B", HYPERRAM_PJ),
    barrierCycles: c(11, "cycles", GLASER_BARRIER),
  },
  {
    id: "gap9",
    description: "GreenWaves GAP9: 8 + 1 RISC-V cluster cores (XpulpV2-class), shared FPUs, 128 KB L1, 1.5 MB L2",
    isa: "cv32e40p", timing: CV32E40P_TIMING, cores: 8, tcdmBanks: 16, sharedFpus: 4, hasFpu: true, hasFp16Simd: true,
    clockMhz: c(370, "MHz", "GreenWaves GAP9 product brief: cluster up to 370 MHz"),
    weightMemoryBytes: c(1536 * 1024, "B", "GreenWaves GAP9 product brief: 1.5 MB L2"),
    activationMemoryBytes: c(128 * 1024, "B", "GreenWaves GAP9 product brief: 128 KB shared L1"),
    dmaBytesPerCycle: c(8, "B/cycle", "PULP cluster DMA: 64-bit L2→L1 (Rossi et al., IEEE Micro 2017); GAP9 assumed the same"),
    energyPerCyclePj: c(90, "pJ/cycle", "assumption: ~33 mW cluster at 370 MHz for NN inference ≈ 90 pJ/cycle, recalled from the GreenWaves GAP9 product brief (not readable here). Public figures read here do not separate the cores: Electronic Design (24 Mar 2020) and the Linley Group newsletter (14 Jan 2020) give ~50 GOPS at 50 mW including the HWCE, of which 29 GOPS are the nine cores"),
    dmaPjPerByte: c(13.75, "pJ/B", HOROWITZ_SRAM),
    l3BytesPerCycle: c(1, "B/cycle", "HyperBus HyperRAM: 8-bit DDR at 200 MHz = 400 MB/s (Cypress S27KS0641 datasheet) ≈ 1 B per 370 MHz cycle"),
    l3PjPerByte: c(100, "pJ/B", HYPERRAM_PJ),
    barrierCycles: c(11, "cycles", GLASER_BARRIER),
  },
];

export function mcuPreset(id: string): McuPreset | undefined {
  return MCU_PRESETS.find((p) => p.id === id);
}
