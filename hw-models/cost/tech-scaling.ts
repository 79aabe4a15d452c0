/**
 * Technology scaling from the 45 nm calibration node to 28/16/7/5 nm, as an explicit setting. Every scaled
 * result carries the factors and the method that produced them.
 * - `stillmaker-2017` (default): Stillmaker & Baas 2017 area table and energy polynomials at 0.8 V
 *   (LP devices at 45/32 nm, HP at ≤ 20 nm, the pairing that gives 45→7 nm energy 0.094×). 28 nm is not
 *   tabulated: it is interpolated log-log (power law in feature size) between 32 and 20 nm. 5 nm is beyond the
 *   paper: 7 nm factors × TSMC N5-vs-N7 (1/1.84 area, 0.7 energy).
 * - `conservative-tpuv4i`: same area, but energy improves only by the 2–4× TPUv4i measured from 45 to 7 nm
 *   (geometric midpoint 2√2), spread over nodes as a power law in feature size through (45 nm, 1) and
 *   (7 nm, 1/2√2); 5 nm extrapolates that power law.
 */
import { TPUV4I_DATAPATH_45_TO_7NM as TPU, TSMC_N5_VS_N7 as N5 } from "./data/node-extensions.js";
import {
  STILLMAKER_AREA_FROM_45NM as AREA,
  STILLMAKER_DEFAULT_VDD,
  STILLMAKER_ENERGY_POLY as POLY,
  type EnergyPolynomial,
} from "./data/stillmaker-2017.js";
import { estimate, type ComponentCost, type Estimate } from "./estimate.js";

/** Nodes hwsim prices at. */
export type TechNodeNm = 45 | 28 | 16 | 7 | 5;

/** All supported nodes, largest first. */
export const TECH_NODES_NM: readonly TechNodeNm[] = [45, 28, 16, 7, 5];

/** How costs move from 45 nm to the target node. */
export type ScalingMethod = "stillmaker-2017" | "conservative-tpuv4i";

/** The technology setting: node and scaling method, always stated together. */
export interface TechnologySetting {
  readonly nodeNm: TechNodeNm;
  readonly method: ScalingMethod;
}

/** The calibration node itself. */
export const CALIBRATION_TECHNOLOGY: TechnologySetting = { nodeNm: 45, method: "stillmaker-2017" };

/** Area and energy factors from 45 nm to a node, with the method that produced them. */
export interface NodeFactors {
  readonly nodeNm: TechNodeNm;
  readonly method: ScalingMethod;
  readonly areaFactor: Estimate;
  readonly energyFactor: Estimate;
}

/** Stillmaker & Baas nodes with an energy polynomial in the default device pairing. */
export type StillmakerNodeNm = 45 | 32 | 20 | 16 | 14 | 10 | 7;

const DEVICE: Readonly<Record<StillmakerNodeNm, keyof typeof POLY>> = {
  45: "LP45",
  32: "LP32",
  20: "HP20",
  16: "HP16",
  14: "HP14",
  10: "HP10",
  7: "HP7",
};

function evalPoly(p: EnergyPolynomial, vdd: number): number {
  return p.a.value * vdd * vdd + p.b.value * vdd + p.c.value;
}

/** Stillmaker & Baas energy factor from 45 nm to `toNm`, both at `vddV` (default 0.8 V). */
export function stillmakerEnergyFactor(toNm: StillmakerNodeNm, vddV: number = STILLMAKER_DEFAULT_VDD.value): Estimate {
  const from = POLY[DEVICE[45]];
  const to = POLY[DEVICE[toNm]];
  return estimate(
    evalPoly(to, vddV) / evalPoly(from, vddV),
    "1",
    `EF_${DEVICE[toNm]}(${vddV} V) / EF_${DEVICE[45]}(${vddV} V); ${to.a.source}; ${from.a.source}`,
  );
}

/** Stillmaker & Baas area factor from 45 nm to `toNm`. */
export function stillmakerAreaFactor(toNm: StillmakerNodeNm): Estimate {
  return AREA[toNm];
}

/** Power-law (log-log) interpolation of a factor between two tabulated nodes. */
function logLogInterpolate(nodeNm: number, n0: number, f0: Estimate, n1: number, f1: Estimate, what: string): Estimate {
  const k = Math.log(f1.value / f0.value) / Math.log(n1 / n0);
  return estimate(
    f0.value * (nodeNm / n0) ** k,
    "1",
    `${what}: not tabulated; interpolated log-log (power law in feature size, exponent ${k.toFixed(4)}) between ${n0} nm [${f0.source}] and ${n1} nm [${f1.source}]`,
  );
}

function stillmakerFactors(nodeNm: TechNodeNm): { areaFactor: Estimate; energyFactor: Estimate } {
  switch (nodeNm) {
    case 45:
    case 16:
    case 7:
      return { areaFactor: stillmakerAreaFactor(nodeNm), energyFactor: stillmakerEnergyFactor(nodeNm) };
    case 28:
      return {
        areaFactor: logLogInterpolate(28, 32, stillmakerAreaFactor(32), 20, stillmakerAreaFactor(20), "area 45→28 nm"),
        energyFactor: logLogInterpolate(28, 32, stillmakerEnergyFactor(32), 20, stillmakerEnergyFactor(20), "energy 45→28 nm"),
      };
    case 5: {
      const a7 = stillmakerAreaFactor(7);
      const e7 = stillmakerEnergyFactor(7);
      return {
        areaFactor: estimate(a7.value / N5.logicDensityGain.value, "1", `45→7 nm area [${a7.source}] ÷ N5 density gain [${N5.logicDensityGain.source}]`),
        energyFactor: estimate(
          e7.value * (1 - N5.powerReductionIsoSpeed.value),
          "1",
          `45→7 nm energy [${e7.source}] × (1 − N5 power reduction) [${N5.powerReductionIsoSpeed.source}]`,
        ),
      };
    }
  }
}

/** Energy improvement 45→7 nm used by the conservative setting: geometric midpoint of TPUv4i's 2–4×. */
export function conservativeImprovement45To7(): Estimate {
  return estimate(
    Math.sqrt(TPU.minImprovement.value * TPU.maxImprovement.value),
    "1",
    `geometric midpoint of ${TPU.minImprovement.value}–${TPU.maxImprovement.value}× (${TPU.minImprovement.source})`,
  );
}

function conservativeEnergy(nodeNm: TechNodeNm): Estimate {
  if (nodeNm === 45) return estimate(1, "1", "calibration node (45 nm): no scaling");
  const imp = conservativeImprovement45To7();
  const k = Math.log(imp.value) / Math.log(45 / 7);
  return estimate(
    (nodeNm / 45) ** k,
    "1",
    `conservative: (node/45)^${k.toFixed(4)}, the power law in feature size through (45 nm, 1) and (7 nm, 1/${imp.value.toFixed(4)}) [${imp.source}]${nodeNm === 5 ? "; 5 nm extrapolated" : ""}`,
  );
}

/** Factors from the 45 nm calibration to `setting.nodeNm` by `setting.method`. */
export function nodeFactors(setting: TechnologySetting): NodeFactors {
  if (!TECH_NODES_NM.includes(setting.nodeNm)) throw new RangeError(`unsupported node ${setting.nodeNm} nm`);
  if (setting.nodeNm === 45) {
    const one = estimate(1, "1", "calibration node (45 nm): no scaling");
    return { nodeNm: 45, method: setting.method, areaFactor: one, energyFactor: one };
  }
  const s = stillmakerFactors(setting.nodeNm);
  const energyFactor = setting.method === "stillmaker-2017" ? s.energyFactor : conservativeEnergy(setting.nodeNm);
  return { nodeNm: setting.nodeNm, method: setting.method, areaFactor: s.areaFactor, energyFactor };
}

/** A component cost moved to another node; `technology` says which scaling was applied. */
export interface ScaledComponentCost extends ComponentCost {
  readonly technology: NodeFactors;
}

function scaleTree(cost: ComponentCost, f: NodeFactors): ComponentCost {
  const tag = `× ${f.method} ${f.nodeNm} nm`;
  return {
    component: cost.component,
    energyPj: estimate(cost.energyPj.value * f.energyFactor.value, "pJ", `${cost.energyPj.source} ${tag} energy factor ${f.energyFactor.value.toPrecision(4)}`),
    areaUm2: estimate(cost.areaUm2.value * f.areaFactor.value, "um2", `${cost.areaUm2.source} ${tag} area factor ${f.areaFactor.value.toPrecision(4)}`),
    parts: cost.parts.map((p) => scaleTree(p, f)),
    ...(cost.activityClass ? { activityClass: cost.activityClass } : {}),
  };
}

/** Scale a 45 nm component cost (and its breakdown) to `setting`; the result records the factors used. */
export function scaleToNode(cost: ComponentCost, setting: TechnologySetting): ScaledComponentCost {
  const f = nodeFactors(setting);
  return { ...scaleTree(cost, f), technology: f };
}
