/**
 * Leakage. Default: static power per area from NanGate 45 nm cells (mean of cell_leakage_power / area over a
 * combinational, two sequential and a latch cell, typical corner 1.1 V 25 °C — hot corners leak far more).
 * Alternative: a fraction of dynamic energy, where the caller supplies the fraction with its own source.
 */
import { NANGATE_LEAKAGE_CELLS } from "./data/nangate-45nm.js";
import { estimate, type Estimate } from "./estimate.js";

/** Static power density at 45 nm (nW/µm²). */
export function leakageDensity(): Estimate {
  const cells = Object.entries(NANGATE_LEAKAGE_CELLS);
  const mean = cells.reduce((s, [, c]) => s + c.leakage.value / c.area.value, 0) / cells.length;
  return estimate(mean, "nW/um2", `mean leakage/area of NanGate 45 nm cells ${cells.map(([n]) => n).join(", ")} (${cells[0]![1].leakage.source} …)`);
}

/** Leakage power of `areaUm2` of logic (nW). */
export function leakagePower(areaUm2: number, density: Estimate = leakageDensity()): Estimate {
  if (!(areaUm2 >= 0)) throw new RangeError(`leakagePower: bad area ${areaUm2}`);
  return estimate(areaUm2 * density.value, "nW", `${areaUm2} µm² × ${density.source}`);
}

/** Leakage energy per clock cycle (pJ) of `areaUm2` running at `clockMhz`: P / f. */
export function leakageEnergyPerCycle(areaUm2: number, clockMhz: number, density: Estimate = leakageDensity()): Estimate {
  if (!(clockMhz > 0)) throw new RangeError(`leakageEnergyPerCycle: bad clock ${clockMhz} MHz`);
  const p = leakagePower(areaUm2, density);
  // nW / MHz = 1e-9 W × 1e-6 s = 1e-15 J = 1e-3 pJ.
  return estimate((p.value / clockMhz) * 1e-3, "pJ", `${p.source}, ÷ ${clockMhz} MHz`);
}

/** Leakage as a fraction of dynamic energy (pJ); `fraction` must carry its own source. */
export function leakageFromDynamic(dynamic: Estimate, fraction: Estimate): Estimate {
  if (dynamic.unit !== "pJ" || fraction.unit !== "1") throw new RangeError("leakageFromDynamic: expects pJ and a dimensionless fraction");
  return estimate(dynamic.value * fraction.value, "pJ", `(${dynamic.source}) × leakage fraction ${fraction.value} (${fraction.source})`);
}
