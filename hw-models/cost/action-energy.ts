/**
 * Energy roll-up, Accelergy style: the simulator counts actions (mac, sram-read, dram-read…); energy is
 * Σ count × energy per action. `table` mode uses the table energies; `activity` mode rescales a component's
 * switching energy by measured toggle rates (activity.ts).
 */
import { fail, ok, type Result } from "../../workloads/result.js";
import { activityEnergy, type ToggleCounts } from "./activity.js";
import { estimate, type ComponentCost, type Estimate } from "./estimate.js";

/** Energy mode: per-action table energies, or table energies scaled by measured register activity. */
export type EnergyMode = { readonly kind: "table" } | { readonly kind: "activity"; readonly toggles: ToggleCounts };

/** Total and per-action energy of a run (pJ). */
export interface EnergyRollup {
  readonly totalPj: Estimate;
  readonly byActionPj: Readonly<Record<string, Estimate>>;
}

/** `table` mode: Σ counts[action] × perAction[action] (pJ). Fails if a counted action has no energy. */
export function tableEnergy(counts: Readonly<Record<string, number>>, perAction: Readonly<Record<string, Estimate>>): Result<EnergyRollup> {
  const byAction: Record<string, Estimate> = {};
  let total = 0;
  for (const [action, n] of Object.entries(counts)) {
    if (!(n >= 0)) throw new RangeError(`tableEnergy: bad count ${n} for ${action}`);
    const e = perAction[action];
    if (!e) return fail(`no energy per action for "${action}"`);
    if (e.unit !== "pJ") return fail(`energy for "${action}" must be in pJ, got ${e.unit}`);
    byAction[action] = estimate(n * e.value, "pJ", `${n} × ${e.source}`);
    total += n * e.value;
  }
  return ok({ totalPj: estimate(total, "pJ", `Σ count × energy per action over ${Object.keys(counts).join(", ") || "no actions"}`), byActionPj: byAction });
}

/** Energy of `actions` uses of one component in either mode (pJ). */
export function componentEnergy(cost: ComponentCost, actions: number, mode: EnergyMode): Result<Estimate> {
  if (mode.kind === "table") {
    if (!(actions >= 0)) throw new RangeError(`componentEnergy: bad action count ${actions}`);
    return ok(estimate(actions * cost.energyPj.value, "pJ", `${actions} × ${cost.component} (table mode: ${cost.energyPj.source})`));
  }
  const r = activityEnergy(cost, actions, mode.toggles);
  return r.ok ? ok(r.value.energyPj) : r;
}
