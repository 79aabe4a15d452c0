/**
 * Figures for whole-array area and cross-checks: on-chip SRAM density at 45 nm, the control share of a
 * systolic accelerator die, synthesized MAC processing-element areas, and the activity baseline.
 */
import type { Estimate } from "../estimate.js";

const INTEL = "Intel 45 nm SRAM test chip (press release Jan 2006; reported by ZDNet and PC Pro)";

/** Intel 45 nm: a 153 Mbit SRAM test chip of 119 mm², 0.346 µm² 6T bit cell. */
export const INTEL_45NM_SRAM = {
  chipArea: { value: 119, unit: "mm2", source: `${INTEL}: die area 119 mm²` },
  chipCapacity: { value: 153 * 2 ** 20, unit: "bit", source: `${INTEL}: 153 Mbit (Mbit taken as 2^20 bits)` },
  bitcellArea: { value: 0.346, unit: "um2", source: `${INTEL}: 6T bit cell 0.346 µm² (also Intel Technology Journal 12(2), 2008)` },
} as const satisfies Readonly<Record<string, Estimate>>;

/** Control logic share of the TPUv1 die. */
export const TPUV1_CONTROL_FRACTION: Estimate = {
  value: 0.02,
  unit: "1",
  source: "Jouppi et al., 'In-Datacenter Performance Analysis of a Tensor Processing Unit', ISCA 2017, Fig. 2 floor plan: control is just 2% of the die",
};

const BF = "Sharma et al., 'Bit Fusion', ISCA 2018: synthesized MAC PE area, 45 nm, 500 MHz (hwsim REFERENCES §5)";

/** Bit Fusion conventional MAC processing-element areas (µm²), keyed by operand width. */
export const BIT_FUSION_PE_AREA = {
  2: { value: 124.9, unit: "um2", source: `${BF}: 2-bit PE` },
  4: { value: 282.2, unit: "um2", source: `${BF}: 4-bit PE` },
  8: { value: 687.6, unit: "um2", source: `${BF}: 8-bit PE` },
  16: { value: 2203.2, unit: "um2", source: `${BF}: 16-bit PE` },
} as const satisfies Readonly<Record<number, Estimate>>;

/** Bit Fusion 8-bit PE energy per MAC. */
export const BIT_FUSION_8B_ENERGY: Estimate = { value: 0.34, unit: "pJ", source: "Sharma et al., Bit Fusion, ISCA 2018: ~0.34 pJ per 8-bit MAC (hwsim REFERENCES §5)" };

/**
 * Toggle probability per bit per cycle that the table energies are taken to represent. Explicit assumption:
 * uniformly random independent data toggles each bit with probability 0.5; Horowitz 2014 does not state its
 * stimulus, so hwsim assumes its per-operation energies are for such data.
 */
export const BASELINE_TOGGLE_RATE: Estimate = {
  value: 0.5,
  unit: "1",
  source: "explicit assumption (hwsim): table energies correspond to uniformly random operands, bit toggle probability 0.5",
};
