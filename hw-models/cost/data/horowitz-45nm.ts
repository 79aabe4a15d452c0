/**
 * Calibration anchors at 45 nm, 0.9 V: M. Horowitz, "Computing's energy problem (and what we can do about
 * it)", ISSCC 2014, paper 1.1 (energy table for arithmetic and memory accesses). Areas are the companion
 * area chart from the same talk, as widely reproduced (hwsim REFERENCES §5 marks them as recalled).
 * Every entry carries value, unit and source.
 */
import type { Estimate } from "../estimate.js";

const E = "Horowitz, ISSCC 2014 paper 1.1, energy table (45 nm, 0.9 V)";
const A = "Horowitz, ISSCC 2014 keynote, area chart (45 nm) — recalled, widely reproduced; hwsim REFERENCES §5";
const M = "Horowitz, ISSCC 2014 paper 1.1, memory energy (64-bit access, 45 nm)";

const e = (value: number, what: string): Estimate => ({ value, unit: "pJ", source: `${E}: ${what}` });
const a = (value: number, what: string): Estimate => ({ value, unit: "um2", source: `${A}: ${what}` });

/** Integer adder energy per add (pJ), keyed by width in bits. */
export const HOROWITZ_INT_ADD_ENERGY = {
  8: e(0.03, "8b add"),
  16: e(0.05, "16b add"),
  32: e(0.1, "32b add"),
} as const satisfies Readonly<Record<number, Estimate>>;

/** Integer adder area (µm²), keyed by width in bits. */
export const HOROWITZ_INT_ADD_AREA = {
  8: a(36, "8b add"),
  16: a(67, "16b add"),
  32: a(137, "32b add"),
} as const satisfies Readonly<Record<number, Estimate>>;

/** Integer multiplier energy per multiply (pJ), keyed by operand width (n×n). */
export const HOROWITZ_INT_MULT_ENERGY = {
  8: e(0.2, "8b mult"),
  32: e(3.1, "32b mult"),
} as const satisfies Readonly<Record<number, Estimate>>;

/** Integer multiplier area (µm²), keyed by operand width (n×n). */
export const HOROWITZ_INT_MULT_AREA = {
  8: a(282, "8b mult"),
  32: a(3495, "32b mult"),
} as const satisfies Readonly<Record<number, Estimate>>;

/** IEEE float adder and multiplier anchors: `fp16` is IEEE binary16 (E5M10), `fp32` is binary32 (E8M23). */
export const HOROWITZ_FLOAT = {
  fp16: {
    addEnergy: e(0.4, "16b FP add"),
    addArea: a(1360, "16b FP add"),
    multEnergy: e(1.1, "16b FP mult"),
    multArea: a(1640, "16b FP mult"),
  },
  fp32: {
    addEnergy: e(0.9, "32b FP add"),
    addArea: a(4184, "32b FP add"),
    multEnergy: e(3.7, "32b FP mult"),
    multArea: a(7700, "32b FP mult"),
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, Estimate>>>>;

/** SRAM read energy per 64-bit access (pJ), keyed by capacity in bytes. */
export const HOROWITZ_SRAM_READ_64B = {
  8192: { value: 10, unit: "pJ", source: `${M}: 8 KB cache, 64-bit read` },
  32768: { value: 20, unit: "pJ", source: `${M}: 32 KB cache, 64-bit read` },
  1048576: { value: 100, unit: "pJ", source: `${M}: 1 MB cache, 64-bit read` },
} as const satisfies Readonly<Record<number, Estimate>>;

/** DRAM energy per 64-bit access: the published range 1.3–2.6 nJ. */
export const HOROWITZ_DRAM_64B = {
  low: { value: 1300, unit: "pJ", source: `${M}: DRAM 64-bit access, low end of 1.3–2.6 nJ` },
  high: { value: 2600, unit: "pJ", source: `${M}: DRAM 64-bit access, high end of 1.3–2.6 nJ` },
} as const satisfies Readonly<Record<string, Estimate>>;

/** Width (bits) of one access in the SRAM/DRAM anchors above. */
export const HOROWITZ_MEMORY_ACCESS_BITS: Estimate = { value: 64, unit: "bit", source: `${M}: figures are per 64-bit access` };
