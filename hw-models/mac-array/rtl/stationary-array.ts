import { defineModule, type Input } from "../../../sim/engine/index.js";
import { stationaryPe, type StationaryPeParams, type StationaryPePorts } from "./stationary-pe.js";

/** Parameters of the weight/input-stationary array: rows×cols PEs. */
export interface StationaryArrayParams extends StationaryPeParams {
  readonly rows: number;
  readonly cols: number;
}

/** Ports of the stationary array: tile-load control, top-edge tile and partial-sum inputs, left-edge stream, PEs. */
export interface StationaryArrayPorts {
  /** High while the tile shifts down (broadcast to every PE). */
  readonly load: Input<boolean>;
  readonly statIn: readonly Input<number>[];
  readonly statInValid: readonly Input<boolean>[];
  readonly xIn: readonly Input<number>[];
  readonly xInValid: readonly Input<boolean>[];
  /** Partial-sum input of row 0 in each column (held at the accumulator's zero). */
  readonly psumIn: readonly Input<number>[];
  /** pes[i][j]: row i, column j; the fold's partial sums are read from the psum registers of its last row. */
  readonly pes: readonly (readonly StationaryPePorts[])[];
}

/**
 * Weight/input-stationary systolic array: the tile shifts down through the `stat` registers, the streamed operand
 * moves right through the `x` registers, partial sums move down through the `psum` registers.
 */
export const stationaryArray = defineModule("stationary-array", (m, p: StationaryArrayParams): StationaryArrayPorts => {
  const real = { type: "real" } as const;
  const bool = { type: "bool" } as const;
  const load = m.input("load", bool);
  const statIn = Array.from({ length: p.cols }, (_, j) => m.input(`stat_in_${j}`, real));
  const statInValid = Array.from({ length: p.cols }, (_, j) => m.input(`stat_in_valid_${j}`, bool));
  const xIn = Array.from({ length: p.rows }, (_, i) => m.input(`x_in_${i}`, real));
  const xInValid = Array.from({ length: p.rows }, (_, i) => m.input(`x_in_valid_${i}`, bool));
  const psumIn = Array.from({ length: p.cols }, (_, j) => m.input(`psum_in_${j}`, real));
  const pe: StationaryPeParams = { productStages: p.productStages, add: p.add };
  const pes: StationaryPePorts[][] = [];
  for (let i = 0; i < p.rows; i++) {
    const row: StationaryPePorts[] = [];
    for (let j = 0; j < p.cols; j++) {
      const x = m.instance(`pe_${i}_${j}`, stationaryPe, pe);
      const left = row[j - 1];
      const above = pes[i - 1]?.[j];
      m.connect(x.load, load);
      m.connect(x.statIn, above ? above.stat : statIn[j]!);
      m.connect(x.statInValid, above ? above.statValid : statInValid[j]!);
      m.connect(x.xIn, left ? left.x : xIn[i]!);
      m.connect(x.xInValid, left ? left.xValid : xInValid[i]!);
      m.connect(x.psumIn, above ? above.psum : psumIn[j]!);
      row.push(x);
    }
    pes.push(row);
  }
  return { load, statIn, statInValid, xIn, xInValid, psumIn, pes };
});
