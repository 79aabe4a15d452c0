/** One row of `hwsim synth` and of yosys-counts.json: Yosys's counts beside the cost library's area. */
import { fail, ok, type Result } from "../../workloads/result.js";
import { estimatorArea } from "./estimator-area.js";
import { synthesizeCounts } from "./run-yosys.js";
import type { UnitSpec } from "./unit-spec.js";
import { describeUnit, unitVerilog } from "./unit-verilog.js";

export interface SynthRow {
  readonly unit: string;
  readonly precision: string;
  readonly n: number;
  readonly description: string;
  readonly cells: number;
  readonly transistors: number;
  readonly cellTypes: Readonly<Record<string, number>>;
  /** Cost-library area of the same unit, µm² at 45 nm. */
  readonly estimatorAreaUm2: number;
  readonly estimator: string;
}

/** Generate, synthesise and price unit `u` (`yosys`: the Yosys executable). */
export function synthRow(u: UnitSpec, yosys = "yosys"): Result<SynthRow> {
  const v = unitVerilog(u);
  if (!v.ok) return v;
  const est = estimatorArea(u);
  if (!est.ok) return fail(`${u.id}: cost library: ${est.reason}`);
  const counts = synthesizeCounts(v.value.text, v.value.top, yosys);
  if (!counts.ok) return fail(counts.reason);
  return ok({
    unit: u.id,
    precision: u.precision,
    n: u.n,
    description: describeUnit(u),
    cells: counts.value.cells,
    transistors: counts.value.transistors,
    cellTypes: counts.value.cellTypes,
    estimatorAreaUm2: Math.round(est.value.areaUm2 * 10) / 10,
    estimator: est.value.estimator,
  });
}
