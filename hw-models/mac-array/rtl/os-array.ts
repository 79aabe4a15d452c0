import { defineModule, type Input } from "../../../sim/engine/index.js";
import { osPe, type OsPeParams, type OsPePorts } from "./os-pe.js";

/** Parameters of the output-stationary array: rows×cols PEs. */
export interface OsArrayParams extends OsPeParams {
  readonly rows: number;
  readonly cols: number;
}

/** Ports of the output-stationary array: the left-edge (A) and top-edge (B) inputs and every PE. */
export interface OsArrayPorts {
  readonly aIn: readonly Input<number>[];
  readonly aInValid: readonly Input<boolean>[];
  readonly bIn: readonly Input<number>[];
  readonly bInValid: readonly Input<boolean>[];
  /** pes[i][j]: row i, column j. */
  readonly pes: readonly (readonly OsPePorts[])[];
}

/** Output-stationary systolic array: A moves right through the `a` registers, B down through the `b` registers. */
export const osArray = defineModule("os-array", (m, p: OsArrayParams): OsArrayPorts => {
  const real = { type: "real" } as const;
  const bool = { type: "bool" } as const;
  const aIn = Array.from({ length: p.rows }, (_, i) => m.input(`a_in_${i}`, real));
  const aInValid = Array.from({ length: p.rows }, (_, i) => m.input(`a_in_valid_${i}`, bool));
  const bIn = Array.from({ length: p.cols }, (_, j) => m.input(`b_in_${j}`, real));
  const bInValid = Array.from({ length: p.cols }, (_, j) => m.input(`b_in_valid_${j}`, bool));
  const pe: OsPeParams = { productStages: p.productStages, add: p.add };
  const pes: OsPePorts[][] = [];
  for (let i = 0; i < p.rows; i++) {
    const row: OsPePorts[] = [];
    for (let j = 0; j < p.cols; j++) {
      const x = m.instance(`pe_${i}_${j}`, osPe, pe);
      const left = row[j - 1];
      const above = pes[i - 1]?.[j];
      m.connect(x.aIn, left ? left.a : aIn[i]!);
      m.connect(x.aInValid, left ? left.aValid : aInValid[i]!);
      m.connect(x.bIn, above ? above.b : bIn[j]!);
      m.connect(x.bInValid, above ? above.bValid : bInValid[j]!);
      row.push(x);
    }
    pes.push(row);
  }
  return { aIn, aInValid, bIn, bInValid, pes };
});
