/** Off-chip DRAM energy per bit from Horowitz's 1.3–2.6 nJ per 64-bit access (45 nm era DDR). */
import { HOROWITZ_DRAM_64B, HOROWITZ_MEMORY_ACCESS_BITS } from "./data/horowitz-45nm.js";
import { estimate, type Estimate } from "./estimate.js";

/** Which end of the published range: `mid` is the arithmetic midpoint (1.95 nJ / 64 b), the default. */
export type DramEnergyCase = "low" | "mid" | "high";

/** DRAM access energy per bit (pJ/bit). */
export function dramEnergyPerBit(which: DramEnergyCase = "mid"): Estimate {
  const { low, high } = HOROWITZ_DRAM_64B;
  const w = HOROWITZ_MEMORY_ACCESS_BITS.value;
  if (which === "low") return estimate(low.value / w, "pJ/bit", `${low.source} ÷ ${w} bits`);
  if (which === "high") return estimate(high.value / w, "pJ/bit", `${high.source} ÷ ${w} bits`);
  return estimate((low.value + high.value) / 2 / w, "pJ/bit", `midpoint of (${low.source}) and (${high.source}) ÷ ${w} bits`);
}

/** Energy of moving `bits` to or from DRAM (pJ). */
export function dramAccessEnergy(bits: number, which: DramEnergyCase = "mid"): Estimate {
  if (!(bits >= 0)) throw new RangeError(`dramAccessEnergy: bad bit count ${bits}`);
  const perBit = dramEnergyPerBit(which);
  return estimate(bits * perBit.value, "pJ", `${bits} bits × ${perBit.source}`);
}
