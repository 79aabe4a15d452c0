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

// Device energy only (its VCC + VCCQ supply at the datasheet's maximum burst current); the controller-side pad
// energy of the MCU is not in it, so this is the memory's share, not the whole link.
const HYPERRAM_PJ = "Cypress S27KL0641/S27KS0641 HyperRAM datasheet (Doc. 001-97964 Rev. *L, 2018), Performance Summary: maximum current 60 mA for a linear burst read or write at 166 MHz, 1.8 V, i.e. 333 MB/s (DDR, 8 bit); 60 mA × 1.8 V / 333 MB/s = 324 pJ/B (a maximum, not a typical current; the MCU's own pad energy is not included)";
const HYPERBUS_BW = "Infineon S27KL0642/S27KS0642 HyperRAM (Gen 2) datasheet, Features: 200 MHz maximum clock, DDR, up to 400 MBps; 400 MB/s ÷ 370 MHz = 1.08 ≈ 1 B per cluster cycle (the Gen-1 S27KS0641 tops out at 166 MHz / 333 MB/s)";
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
    energyPerCyclePj: c(792, "pJ/cycle", "assumption: 264 µA/MHz × 3.0 V = 792 pJ/cycle, a recalled ST run-mode figure (~263 µA/MHz), unverified: of ST DS12110 Rev 5 only the pages with Table 21 (p. 99) and §6.3.14 (p. 130) could be read here, not the Run-mode supply-current tables; the one public figure found is a secondary summary of ST's H7 launch (qianchusai.com: run mode below 280 µA/MHz), which agrees to 6%"),
    ...SINGLE_CORE_IN_PLACE,
  },
  {
    id: "cortex-m55",
    description: "Cortex-M55 with Helium (MVE), Alif Ensemble-class high-efficiency core (160 MHz)",
    isa: "cortex-m55", timing: CORTEX_M55_TIMING, cores: 1, tcdmBanks: 0, sharedFpus: 0, hasFpu: true, hasFp16Simd: true,
    clockMhz: c(160, "MHz", "Alif Ensemble Software Reference Manual §2.4 Real-Time Subsystem (swrm.alifsemi.com): the RTSS-HE Cortex-M55 runs at up to 160 MHz"),
    weightMemoryBytes: c(5632 * 1024, "B", "Alif devicetree for the Ensemble E3 AE302F80F5582 (alifsemi/zephyr_alif, dts/arm/alif/ensemble/e3/ae302f80f5582xx.dtsi): mram_flash reg = 0x80000000, DT_SIZE_K(5632) = 5.5 MiB of MRAM (the F40 parts have 1536 KiB); all of it counted for weights, as Flash is on the STM32 presets"),
    activationMemoryBytes: c(256 * 1024, "B", "Alif Ensemble Software Reference Manual §2.4: RTSS-HE Cortex-M55 with 256 KB ITCM + 256 KB DTCM (activations in the DTCM); Alif white paper AWPR0003 'RAM Regions and Linker Files', SRAM bank table: SRAM5 256 KB at 160 MHz"),
    dmaBytesPerCycle: c(0, "B/cycle", "operands read in place (no DMA tiling)"),
    energyPerCyclePj: c(150, "pJ/cycle", "assumption: ~24 mW at 160 MHz for the HE subsystem in run mode = 150 pJ/cycle (recalled, unverified): Alif's white papers 'Alif Processors Power Saving Features' and 'RAM Regions and Linker Files' give regions, clocks and SRAM banks but no run current, the E3 datasheet's current tables could not be read here, and Alif's Zephyr/CMSIS sources carry no power figure"),
    ...SINGLE_CORE_IN_PLACE,
  },
  ...(["cv32e40p", "cv32e40p-xpulpnn"] as const).map((isa): McuPreset => ({
    id: isa,
    description: isa === "cv32e40p" ? "one CV32E40P (RI5CY) core, XpulpV2, with FPU and FP16 SIMD (PULP smallFloat)" : "one CV32E40P core with the XpulpNN nibble/crumb dot products",
    isa, timing: CV32E40P_TIMING, cores: 1, tcdmBanks: 0, sharedFpus: 0, hasFpu: true, hasFp16Simd: true,
    clockMhz: c(isa === "cv32e40p" ? 450 : 250, "MHz", isa === "cv32e40p" ? "assumption: 450 MHz, recalled from Pullini et al., Mr. Wolf, IEEE JSSC 54(7) 2019, unverified: its abstract (read in several copies) gives 850 MMAC/s, 500 MFMAC/s and a 153 mW envelope for the 8-core cluster but no clock, the stored full-text copies give only their first page, and the pulp-platform repositories cite the paper without its numbers" : "assumption: 250 MHz in 22 nm, recalled from Garofalo et al., XpulpNN (DATE 2020; extended in IEEE TETC 9(3) 2021, arXiv:2011.14325), unverified: the abstracts read here give GF22FDX, 8 cores and a 2.22 TOPS/W peak but no clock, and the implementation section was not readable"),
    weightMemoryBytes: c(512 * 1024, "B", "PULPissimo L2 512 KB (Schiavone et al., PATMOS 2018)"),
    activationMemoryBytes: c(64 * 1024, "B", "PULP cluster L1 TCDM 64 KB (Rossi et al., PULP, IEEE Micro 2017)"),
    dmaBytesPerCycle: c(0, "B/cycle", "single core reads L2 in place"),
    // RI5CY per-core energy from the one operating point Gautschi et al. state with both clock and power.
    energyPerCyclePj: c(isa === "cv32e40p" ? 6.25 : 6.75, "pJ/cycle", isa === "cv32e40p" ? "Gautschi et al., 'Near-Threshold RISC-V Core With DSP Extensions for Scalable IoT Endpoint Devices', IEEE TVLSI 2017 (preprint Aug 2016), abstract: the 4-core cluster in 28 nm FD-SOI peaks at 193 MOPS/mW at 40 MHz and 1 mW; 1 mW ÷ 40 MHz = 25 pJ/cycle for the cluster (cores + shared L1), ÷ 4 cores = 6.25 pJ/cycle per core (near-threshold point: a low estimate at nominal voltage; the same abstract's 65 nm figure, 67 MOPS/mW, is 2.9× less efficient)" : "6.25 pJ/cycle (RI5CY, Gautschi et al. TVLSI 2017 abstract, see cv32e40p) × 1.08; the ~8% XpulpNN core power overhead is an assumption recalled from Garofalo et al., DATE 2020, whose implementation section could not be read here (the TETC 2021 abstract gives only the 2.22 TOPS/W cluster peak)"),
    ...SINGLE_CORE_IN_PLACE,
  })),
  {
    id: "pulp-cluster",
    description: "PULP cluster: 8 CV32E40P (RI5CY) cores, 4 shared FPUs with FP16 SIMD, 16-bank TCDM (the FP16 study's platform class)",
    isa: "cv32e40p", timing: CV32E40P_TIMING, cores: 8, tcdmBanks: 16, sharedFpus: 4, hasFpu: true, hasFp16Simd: true,
    clockMhz: c(370, "MHz", "assumption: 370 MHz, recalled from Nadalini et al. 2023 (arXiv:2305.19167; Future Generation Computer Systems 149, 2023) §5, unverified: its abstract names the platform only as 'a RISC-V-based 8+1-core MCU', the stored copies of the paper give only its first page, and the pulp-trainlib repository README cites the paper without the platform's clock"),
    weightMemoryBytes: c(1536 * 1024, "B", "Rossi et al., Vega, IEEE JSSC 57(1) 2022 (arXiv:2110.09101), abstract: 1.6 MB of state-retentive SRAM; 1.5 MiB of it modelled as the interleaved L2 that holds weights (the split is an assumption)"),
    activationMemoryBytes: c(128 * 1024, "B", "assumption: 128 KB shared L1 TCDM, 16 banks, 4 shared FPUs, recalled from Vega (Rossi et al. JSSC 2022, §II), unverified: the abstract gives only the 9-core cluster and 1.6 MB of SRAM, and pulp-platform/archi's include/archi/chips/vega/properties.h (ARCHI_L1_SIZE 65536, 8 PEs) is a pre-silicon configuration that disagrees with the 9-core chip, so it is not taken"),
    dmaBytesPerCycle: c(8, "B/cycle", "PULP cluster DMA: 64-bit AXI L2→L1 = 8 B/cycle (Rossi et al., IEEE Micro 2017)"),
    energyPerCyclePj: c(110.5, "pJ/cycle", "Rossi et al., Vega, IEEE JSSC 57(1) 2022, abstract: 32.2 GOPS at 49.4 mW peak on the 9-core cluster (int8 SIMD); 32.2 GOPS ÷ 72 ops/cycle (9 cores × 4 int8 MACs × 2) = 447 M cycles/s, so 49.4 mW ÷ 447 MHz = 110.5 pJ/cycle (the cycle rate is derived, not quoted; the whole-cluster figure is kept for 8 compute cores)"),
    dmaPjPerByte: c(13.75, "pJ/B", HOROWITZ_SRAM),
    l3BytesPerCycle: c(1, "B/cycle", HYPERBUS_BW),
    l3PjPerByte: c(324, "pJ/B", HYPERRAM_PJ),
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
    energyPerCyclePj: c(90, "pJ/cycle", "assumption: ~33 mW cluster at 370 MHz for NN inference ≈ 90 pJ/cycle, recalled from the GreenWaves GAP9 product brief (not found in any stored copy). Public figures read here do not separate the cores: Electronic Design (24 Mar 2020) and the Linley Group newsletter (14 Jan 2020) give ~50 GOPS at 50 mW including the HWCE, of which 29 GOPS are the nine cores at 400 MHz (9 × 4 int8 MACs × 2 ops × 0.4 GHz = 28.8 GOPS) and the HWCE takes 'a few mW', so the cores draw at most ~50 mW / 400 MHz = 125 pJ/cycle; eeNews Europe (19 Oct 2020) quotes GreenWaves' 330 µW/GOP for NN inference with the NE16 accelerator, not the cores"),
    dmaPjPerByte: c(13.75, "pJ/B", HOROWITZ_SRAM),
    l3BytesPerCycle: c(1, "B/cycle", HYPERBUS_BW),
    l3PjPerByte: c(324, "pJ/B", HYPERRAM_PJ),
    barrierCycles: c(11, "cycles", GLASER_BARRIER),
  },
];

export function mcuPreset(id: string): McuPreset | undefined {
  return MCU_PRESETS.find((p) => p.id === id);
}
