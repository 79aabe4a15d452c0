/**
 * `activity` energy mode. Model: a table energy is taken to be the energy at the baseline toggle rate α = 0.5
 * (uniformly random operands, an explicit assumption — BASELINE_TOGGLE_RATE). With the bit-exact simulation's
 * measured toggle rate r of the register class that drives a part, the part's switching energy becomes
 * table × r / 0.5. Register clock energy does not depend on data and is never scaled.
 */
import { fail, ok, type Result } from "../../workloads/result.js";
import { BASELINE_TOGGLE_RATE } from "./data/array-references.js";
import { estimate, leaves, type ActivityClass, type ComponentCost, type Estimate } from "./estimate.js";

/** Toggles measured on one register over a run: `toggles` bit flips over `bits` × `cycles` bit-cycles. */
export interface RegisterToggles {
  readonly toggles: number;
  readonly bits: number;
  readonly cycles: number;
}

/** Measured toggles per data-driven register class (operand registers, accumulator register). */
export type ToggleCounts = Readonly<Partial<Record<Exclude<ActivityClass, "clock">, readonly RegisterToggles[]>>>;

/** Toggle rate (flips per bit per cycle, 0..1) pooled over registers: Σ toggles / Σ bits·cycles. */
export function toggleRate(regs: readonly RegisterToggles[]): number {
  let t = 0;
  let bc = 0;
  for (const r of regs) {
    if (!(r.toggles >= 0) || !(r.bits >= 1) || !(r.cycles >= 0)) throw new RangeError(`toggleRate: bad counts ${JSON.stringify(r)}`);
    t += r.toggles;
    bc += r.bits * r.cycles;
  }
  if (bc === 0) throw new RangeError("toggleRate: no bit-cycles observed");
  if (t > bc) throw new RangeError(`toggleRate: ${t} toggles exceed ${bc} bit-cycles`);
  return t / bc;
}

/** Energy of `actions` uses of `cost` in activity mode, with the share of each activity class (pJ). */
export interface ActivityEnergy {
  readonly energyPj: Estimate;
  readonly byClassPj: Readonly<Record<ActivityClass, number>>;
  /** Toggle rates used, by class. */
  readonly rates: Readonly<Partial<Record<ActivityClass, number>>>;
}

/**
 * Energy of `actions` actions of `cost` (pJ) given the measured toggles per register class.
 * Fails if a class that drives some part of `cost` has no measurement.
 */
export function activityEnergy(cost: ComponentCost, actions: number, toggles: ToggleCounts): Result<ActivityEnergy> {
  if (!(actions >= 0)) throw new RangeError(`activityEnergy: bad action count ${actions}`);
  const base = BASELINE_TOGGLE_RATE.value;
  const byClass: Record<ActivityClass, number> = { operands: 0, accumulator: 0, clock: 0 };
  const rates: Partial<Record<ActivityClass, number>> = {};
  for (const part of leaves(cost)) {
    const cls = part.activityClass ?? "operands";
    let factor = 1;
    if (cls !== "clock") {
      const regs = toggles[cls];
      if (!regs || regs.length === 0) return fail(`activity mode: no toggle counts for register class "${cls}" (needed by ${part.component})`);
      rates[cls] ??= toggleRate(regs);
      factor = rates[cls]! / base;
    }
    byClass[cls] += part.energyPj.value * actions * factor;
  }
  const total = byClass.operands + byClass.accumulator + byClass.clock;
  const rateText = Object.entries(rates).map(([c, r]) => `${c} ${r.toFixed(4)}`).join(", ");
  return ok({
    energyPj: estimate(
      total,
      "pJ",
      `${actions} × ${cost.component} in activity mode: switching parts × measured toggle rate / ${base} (${BASELINE_TOGGLE_RATE.source}); rates ${rateText || "none"}; clock parts unscaled`,
    ),
    byClassPj: byClass,
    rates,
  });
}
