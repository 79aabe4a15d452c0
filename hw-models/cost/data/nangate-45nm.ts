/**
 * Standard-cell figures at 45 nm from the NanGate FreePDK45 Open Cell Library (v2011.01, typical corner
 * "TypTyp", 1.1 V, 25 °C), liberty file as shipped in The-OpenROAD-Project/OpenROAD
 * test/Nangate45/Nangate45_typ_no_max_cap.lib. Liberty units: area µm², leakage nW, internal energy
 * 1 V × 1 fF = 1 fJ. Internal-energy values are taken at the first input-slew index (1.17 ps). Cell areas were
 * read from the `area` attribute of each `cell (NAME)` group (file as of OpenROAD commit f8cec2cf5d6d).
 */
import type { Estimate } from "../estimate.js";

const LIB = "NanGate FreePDK45 Open Cell Library, typical 1.1 V 25 °C (OpenROAD test/Nangate45/Nangate45_typ_no_max_cap.lib)";

const AND2_X1_AREA: Estimate = { value: 1.064, unit: "um2", source: `${LIB}: cell AND2_X1 area` };

/**
 * Combinational cell areas (drive strength X1) used to compose datapath area from cells: 2:1 mux for shifters,
 * full/half adders and AND2 for adders and array multipliers, AND2 for leading-zero trees.
 */
export const NANGATE_CELL_AREA = {
  AND2_X1: AND2_X1_AREA,
  MUX2_X1: { value: 1.862, unit: "um2", source: `${LIB}: cell MUX2_X1 area` },
  FA_X1: { value: 4.256, unit: "um2", source: `${LIB}: cell FA_X1 area` },
  HA_X1: { value: 2.66, unit: "um2", source: `${LIB}: cell HA_X1 area` },
  XOR2_X1: { value: 1.596, unit: "um2", source: `${LIB}: cell XOR2_X1 area` },
  INV_X1: { value: 0.532, unit: "um2", source: `${LIB}: cell INV_X1 area` },
  NAND2_X1: { value: 0.798, unit: "um2", source: `${LIB}: cell NAND2_X1 area` },
} as const satisfies Readonly<Record<string, Estimate>>;

/** DFF_X1: positive-edge D flip-flop, the per-bit register used for accumulator and pipeline registers. */
export const NANGATE_DFF_X1 = {
  area: { value: 4.522, unit: "um2", source: `${LIB}: cell DFF_X1 area` },
  leakage: { value: 79.112308, unit: "nW", source: `${LIB}: cell DFF_X1 cell_leakage_power` },
  /** CK internal energy per edge when D equals Q (the clock-only cost of holding a bit). */
  clockFallSameD0: { value: 4.497803, unit: "fJ", source: `${LIB}: DFF_X1 pin CK internal_power when "!D & !Q & QN", fall_power` },
  clockRiseSameD0: { value: 2.441622, unit: "fJ", source: `${LIB}: DFF_X1 pin CK internal_power when "!D & !Q & QN", rise_power` },
  clockFallSameD1: { value: 4.265302, unit: "fJ", source: `${LIB}: DFF_X1 pin CK internal_power when "D & Q & !QN", fall_power` },
  clockRiseSameD1: { value: 2.627385, unit: "fJ", source: `${LIB}: DFF_X1 pin CK internal_power when "D & Q & !QN", rise_power` },
  /** CK internal energy on the edge that captures a changed bit (D differs from Q); rise_power is 0 there. */
  clockFallCaptureD0: { value: 7.580013, unit: "fJ", source: `${LIB}: DFF_X1 pin CK internal_power when "!D & Q & !QN", fall_power` },
  clockFallCaptureD1: { value: 7.53989, unit: "fJ", source: `${LIB}: DFF_X1 pin CK internal_power when "D & !Q & QN", fall_power` },
  /** D-pin internal energy per input transition (hidden power). */
  dataFallQ0: { value: 4.28235, unit: "fJ", source: `${LIB}: DFF_X1 pin D internal_power when "!CK & !Q & QN", fall_power` },
  dataRiseQ0: { value: 3.12316, unit: "fJ", source: `${LIB}: DFF_X1 pin D internal_power when "!CK & !Q & QN", rise_power` },
  dataFallQ1: { value: 4.225775, unit: "fJ", source: `${LIB}: DFF_X1 pin D internal_power when "!CK & Q & !QN", fall_power` },
  dataRiseQ1: { value: 3.083037, unit: "fJ", source: `${LIB}: DFF_X1 pin D internal_power when "!CK & Q & !QN", rise_power` },
  /** Characterisation supply of the library. */
  supply: { value: 1.1, unit: "V", source: `${LIB}: nom_voltage` },
} as const satisfies Readonly<Record<string, Estimate>>;

/** Cells used for the static (leakage) power density: area and cell_leakage_power at 25 °C. */
export const NANGATE_LEAKAGE_CELLS = {
  AND2_X1: {
    area: AND2_X1_AREA,
    leakage: { value: 25.066064, unit: "nW", source: `${LIB}: cell AND2_X1 cell_leakage_power` },
  },
  DFF_X1: {
    area: NANGATE_DFF_X1.area,
    leakage: NANGATE_DFF_X1.leakage,
  },
  DFFS_X2: {
    area: { value: 5.586, unit: "um2", source: `${LIB}: cell DFFS_X2 area` },
    leakage: { value: 121.107028, unit: "nW", source: `${LIB}: cell DFFS_X2 cell_leakage_power` },
  },
  DLH_X2: {
    area: { value: 2.926, unit: "um2", source: `${LIB}: cell DLH_X2 area` },
    leakage: { value: 57.430452, unit: "nW", source: `${LIB}: cell DLH_X2 cell_leakage_power` },
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, Estimate>>>>;
