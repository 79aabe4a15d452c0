import { defineModule, type Input } from "../../../sim/engine/index.js";
import { connectWide, wideInput, type DotPeParams } from "./dot-pe-common.js";
import { stationaryDotPe, type StationaryDotPePorts } from "./stationary-dot-pe.js";

/** Parameters of the weight/input-stationary dot-PE array: rows×cols dot<n> PEs. */
export interface StationaryDotArrayParams extends DotPeParams {
  readonly rows: number;
  readonly cols: number;
}

/** Ports of the array: those of stationary-array.ts with n-wide tile and stream edges (statIn[j][lane], xIn[i][lane]). */
export interface StationaryDotArrayPorts {
  readonly load: Input<boolean>;
  readonly statIn: readonly (readonly Input<number>[])[];
  readonly statInValid: readonly Input<boolean>[];
  readonly xIn: readonly (readonly Input<number>[])[];
  readonly xInValid: readonly Input<boolean>[];
  readonly psumIn: readonly Input<number>[];
  readonly pes: readonly (readonly StationaryDotPePorts[])[];
}

/**
 * Weight/input-stationary systolic array of dot<n> PEs, wired as stationary-array.ts: n-wide tile elements shift
 * down, n-wide streamed elements move right, scalar partial sums move down.
 */
export const stationaryDotArray = defineModule("stationary-dot-array", (m, p: StationaryDotArrayParams): StationaryDotArrayPorts => {
  const bool = { type: "bool" } as const;
  const load = m.input("load", bool);
  const statIn = Array.from({ length: p.cols }, (_, j) => wideInput(m, `stat_in_${j}`, p.lanes));
  const statInValid = Array.from({ length: p.cols }, (_, j) => m.input(`stat_in_valid_${j}`, bool));
  const xIn = Array.from({ length: p.rows }, (_, i) => wideInput(m, `x_in_${i}`, p.lanes));
  const xInValid = Array.from({ length: p.rows }, (_, i) => m.input(`x_in_valid_${i}`, bool));
  const psumIn = Array.from({ length: p.cols }, (_, j) => m.input(`psum_in_${j}`, { type: "real" }));
  // One params object for every PE (as stationary-array.ts does), whatever the caller passed.
  const pe: DotPeParams = { lanes: p.lanes, productStages: p.productStages, addBlock: p.addBlock };
  const pes: StationaryDotPePorts[][] = [];
  for (let i = 0; i < p.rows; i++) {
    const row: StationaryDotPePorts[] = [];
    for (let j = 0; j < p.cols; j++) {
      const x = m.instance(`pe_${i}_${j}`, stationaryDotPe, pe);
      const left = row[j - 1];
      const above = pes[i - 1]?.[j];
      m.connect(x.load, load);
      connectWide(m, x.statIn, above ? above.stat : statIn[j]!);
      m.connect(x.statInValid, above ? above.statValid : statInValid[j]!);
      connectWide(m, x.xIn, left ? left.x : xIn[i]!);
      m.connect(x.xInValid, left ? left.xValid : xInValid[i]!);
      m.connect(x.psumIn, above ? above.psum : psumIn[j]!);
      row.push(x);
    }
    pes.push(row);
  }
  return { load, statIn, statInValid, xIn, xInValid, psumIn, pes };
});
