import { defineModule, type Input } from "../../../sim/engine/index.js";
import { connectWide, wideInput, type DotPeParams } from "./dot-pe-common.js";
import { osDotPe, type OsDotPePorts } from "./os-dot-pe.js";

/** Parameters of the output-stationary dot-PE array: rows×cols dot<n> PEs. */
export interface OsDotArrayParams extends DotPeParams {
  readonly rows: number;
  readonly cols: number;
}

/** Ports of the array: those of os-array.ts with n-wide edges (aIn[i][lane], bIn[j][lane]). */
export interface OsDotArrayPorts {
  readonly aIn: readonly (readonly Input<number>[])[];
  readonly aInValid: readonly Input<boolean>[];
  readonly bIn: readonly (readonly Input<number>[])[];
  readonly bInValid: readonly Input<boolean>[];
  readonly pes: readonly (readonly OsDotPePorts[])[];
}

/** Output-stationary systolic array of dot<n> PEs, wired as os-array.ts: n-wide A moves right, n-wide B down. */
export const osDotArray = defineModule("os-dot-array", (m, p: OsDotArrayParams): OsDotArrayPorts => {
  const bool = { type: "bool" } as const;
  const aIn = Array.from({ length: p.rows }, (_, i) => wideInput(m, `a_in_${i}`, p.lanes));
  const aInValid = Array.from({ length: p.rows }, (_, i) => m.input(`a_in_valid_${i}`, bool));
  const bIn = Array.from({ length: p.cols }, (_, j) => wideInput(m, `b_in_${j}`, p.lanes));
  const bInValid = Array.from({ length: p.cols }, (_, j) => m.input(`b_in_valid_${j}`, bool));
  const pe: DotPeParams = { lanes: p.lanes, productStages: p.productStages, addBlock: p.addBlock };
  const pes: OsDotPePorts[][] = [];
  for (let i = 0; i < p.rows; i++) {
    const row: OsDotPePorts[] = [];
    for (let j = 0; j < p.cols; j++) {
      const x = m.instance(`pe_${i}_${j}`, osDotPe, pe);
      const left = row[j - 1];
      const above = pes[i - 1]?.[j];
      connectWide(m, x.aIn, left ? left.a : aIn[i]!);
      m.connect(x.aInValid, left ? left.aValid : aInValid[i]!);
      connectWide(m, x.bIn, above ? above.b : bIn[j]!);
      m.connect(x.bInValid, above ? above.bValid : bInValid[j]!);
      row.push(x);
    }
    pes.push(row);
  }
  return { aIn, aInValid, bIn, bInValid, pes };
});
