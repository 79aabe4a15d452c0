/**
 * On-chip SRAM: energy per access of a given width from a given capacity, and area by capacity, at 45 nm.
 * Energy: Horowitz's 64-bit reads at 8 KB / 32 KB / 1 MB with the √capacity law between and beyond them, times
 * width/64 (bit-line energy ∝ bits accessed). Area: Intel's 45 nm SRAM chip density (cells plus periphery).
 */
import { INTEL_45NM_SRAM } from "./data/array-references.js";
import { HOROWITZ_MEMORY_ACCESS_BITS, HOROWITZ_SRAM_READ_64B } from "./data/horowitz-45nm.js";
import { anchoredLaw, type AnchoredLaw } from "./anchored-law.js";
import { estimate, leaf, type ComponentCost, type Estimate } from "./estimate.js";
import { SQRT_CAPACITY } from "./scaling-laws.js";

/** Fitted 64-bit read energy law (pJ vs capacity in bytes). */
export const SRAM_READ_64B_ENERGY: AnchoredLaw = anchoredLaw(
  "SRAM 64-bit read energy",
  SQRT_CAPACITY,
  Object.entries(HOROWITZ_SRAM_READ_64B).map(([bytes, value]) => ({ size: Number(bytes), value })),
);

/** Kind of SRAM access. */
export type SramAccessKind = "read" | "write";

/**
 * Energy of one SRAM access (pJ): `widthBits` read or written from an array of `capacityBytes`.
 * Writes are priced as reads: an explicit assumption, Horowitz gives no separate write figure.
 */
export function sramAccessEnergy(capacityBytes: number, widthBits: number, kind: SramAccessKind = "read"): Estimate {
  if (!(capacityBytes > 0) || !Number.isInteger(widthBits) || widthBits < 1) {
    throw new RangeError(`sramAccessEnergy: bad capacity ${capacityBytes} B or width ${widthBits} b`);
  }
  const per64 = SRAM_READ_64B_ENERGY.at(capacityBytes);
  const w = HOROWITZ_MEMORY_ACCESS_BITS.value;
  const note = kind === "write" ? "; write priced as a read (explicit assumption: no separate write anchor)" : "";
  return estimate(per64.value * (widthBits / w), "pJ", `${per64.source}; × ${widthBits}/${w} bits (energy ∝ bits accessed)${note}`);
}

/** SRAM macro area per bit (µm²/bit): Intel 45 nm 153 Mbit chip area / capacity (includes periphery and I/O). */
export function sramAreaPerBit(): Estimate {
  const { chipArea, chipCapacity } = INTEL_45NM_SRAM;
  return estimate((chipArea.value * 1e6) / chipCapacity.value, "um2/bit", `${chipArea.source} ÷ ${chipCapacity.source}`);
}

/** Area of an SRAM of `capacityBytes` (µm²). */
export function sramArea(capacityBytes: number, perBit: Estimate = sramAreaPerBit()): Estimate {
  if (!(capacityBytes >= 0)) throw new RangeError(`sramArea: bad capacity ${capacityBytes}`);
  if (perBit.unit !== "um2/bit") throw new RangeError(`sramArea: per-bit area must be um2/bit, got ${perBit.unit}`);
  return estimate(capacityBytes * 8 * perBit.value, "um2", `${capacityBytes} B × 8 × ${perBit.source}`);
}

/** An SRAM as a component: energy per `widthBits` read and area. */
export function sramCost(capacityBytes: number, widthBits: number): ComponentCost {
  return leaf(`sram(${capacityBytes}B, ${widthBits}b port)`, sramAccessEnergy(capacityBytes, widthBits), sramArea(capacityBytes), "operands");
}
