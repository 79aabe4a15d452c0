/**
 * The unit of every cost figure: a number, its unit and where it came from (Accelergy style: no unitless
 * or unsourced cost field). Tables in ./data hold Estimates; estimators return them.
 */

/** Units used by the cost library. `1` is dimensionless (a ratio or a scaling factor). */
export type CostUnit =
  | "pJ"
  | "fJ"
  | "um2"
  | "mm2"
  | "nW"
  | "nW/um2"
  | "pJ/bit"
  | "um2/bit"
  | "bit"
  | "V"
  | "1";

/** A sourced number: value in `unit`, and the paper + table/figure (or the derivation) it came from. */
export interface Estimate {
  readonly value: number;
  readonly unit: CostUnit;
  readonly source: string;
}

/** Which measured register class drives a part's switching energy in `activity` mode (see activity.ts). */
export type ActivityClass = "operands" | "accumulator" | "clock";

/**
 * Cost of one hardware component: energy per action (pJ) and area (µm²), with the parts it is composed of.
 * Leaves carry the activity class that drives their switching energy.
 */
export interface ComponentCost {
  /** Short id, e.g. `int-adder(32b)`. */
  readonly component: string;
  /** Energy per action (one add, one multiply, one MAC, one register update), unit pJ. */
  readonly energyPj: Estimate;
  /** Silicon area, unit µm². */
  readonly areaUm2: Estimate;
  /** Breakdown; empty for a leaf. */
  readonly parts: readonly ComponentCost[];
  /** For leaves: the register class whose toggle rate scales this part in activity mode. */
  readonly activityClass?: ActivityClass;
}

/** Build an Estimate, checking it is a finite number with a non-empty source (a missing source is a bug). */
export function estimate(value: number, unit: CostUnit, source: string): Estimate {
  if (!Number.isFinite(value)) throw new RangeError(`estimate: non-finite value ${value} (${source})`);
  if (source.trim() === "") throw new RangeError("estimate: every cost figure needs a source");
  return { value, unit, source };
}

/** A leaf component from an energy and an area estimate. */
export function leaf(component: string, energyPj: Estimate, areaUm2: Estimate, activityClass: ActivityClass): ComponentCost {
  if (energyPj.unit !== "pJ" || areaUm2.unit !== "um2") {
    throw new RangeError(`leaf ${component}: energy must be pJ and area um2, got ${energyPj.unit}/${areaUm2.unit}`);
  }
  return { component, energyPj, areaUm2, parts: [], activityClass };
}

/** Sum of parts: energy and area add; the source names the parts. */
export function compose(component: string, parts: readonly ComponentCost[]): ComponentCost {
  if (parts.length === 0) throw new RangeError(`compose ${component}: no parts`);
  const names = parts.map((p) => p.component).join(" + ");
  const energy = parts.reduce((s, p) => s + p.energyPj.value, 0);
  const area = parts.reduce((s, p) => s + p.areaUm2.value, 0);
  return {
    component,
    energyPj: estimate(energy, "pJ", `sum of parts: ${names}`),
    areaUm2: estimate(area, "um2", `sum of parts: ${names}`),
    parts,
  };
}

/** The same component with energy and area multiplied by `factor` (amortisation, e.g. 1/blockSize); parts scaled too. */
export function scaleCost(cost: ComponentCost, factor: number, why: string, component = cost.component): ComponentCost {
  if (!(factor >= 0) || !Number.isFinite(factor)) throw new RangeError(`scaleCost: bad factor ${factor}`);
  return {
    component,
    energyPj: estimate(cost.energyPj.value * factor, "pJ", `${cost.energyPj.source} × ${factor} (${why})`),
    areaUm2: estimate(cost.areaUm2.value * factor, "um2", `${cost.areaUm2.source} × ${factor} (${why})`),
    parts: cost.parts.map((p) => scaleCost(p, factor, why)),
    ...(cost.activityClass ? { activityClass: cost.activityClass } : {}),
  };
}

/** All leaves of a component tree, depth first. */
export function leaves(cost: ComponentCost): ComponentCost[] {
  return cost.parts.length === 0 ? [cost] : cost.parts.flatMap(leaves);
}
