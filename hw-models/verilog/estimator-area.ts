/**
 * The cost library's area for the same unit the generator builds, to print beside Yosys's counts: a dot<n> unit
 * is n × the per-MAC `dotUnitCost` (hw-models/cost/dot-unit.ts, whose per-block parts are already divided by
 * the block size) priced as the array prices the unit's accumulator (a dot unit's products-only window, or a
 * tensor-core block FMA's full register-width window), a MAC is `macUnitCost` with hwsim's default accumulator
 * (int32; fp32 adder for floats).
 */
import { operandFromFormat } from "../cost/operand.js";
import { dotUnitCost, type DotAccumulatorCostSpec } from "../cost/dot-unit.js";
import { macUnitCost } from "../cost/mac-unit.js";
import { MX_BLOCK_SCALE, NVFP4_BLOCK_SCALE } from "../cost/scale-unit.js";
import { DOT_PE_EXTRA_ALIGN_BITS } from "../mac-array/pe-accumulator.js";
import { fail, ok, type Result } from "../../workloads/result.js";
import type { UnitSpec } from "./unit-spec.js";

/** Estimated area of the whole unit, µm² at 45 nm, and the estimator that produced it. */
export interface UnitAreaEstimate {
  readonly areaUm2: number;
  readonly estimator: string;
}

/** The estimator's area for unit `u` (n lanes, its accumulator and scale path). */
export function estimatorArea(u: UnitSpec): Result<UnitAreaEstimate> {
  const a = operandFromFormat(u.a);
  const b = operandFromFormat(u.b);
  if (u.n === 1) {
    const mac = macUnitCost(a, b);
    return mac.ok ? ok({ areaUm2: mac.value.areaUm2.value, estimator: mac.value.component }) : fail(mac.reason);
  }
  let acc: DotAccumulatorCostSpec;
  let extraAlignBits = 0;
  let alignBits: number | undefined;
  if (u.kind === "int") acc = { kind: "int", bits: u.accumulator.widthBits };
  else {
    const o = u.accumulator.outputFormat;
    acc = { kind: "float", expBits: o.expBits, manBits: o.manBits };
    if (u.accumulator.kind === "dot-unit") {
      // Priced as the array prices a dot-unit PE (mac-array/datapath-cost.ts): the products' own window, capped
      // at the register's fraction + 1 + DOT_PE_EXTRA_ALIGN_BITS.
      extraAlignBits = DOT_PE_EXTRA_ALIGN_BITS;
    } else {
      // Alignment width w = fracBits + neab + 1 = (manBits + 1) + extraAlignBits in the cost library's terms; the
      // register is aligned with the products, so every lane spans that width.
      extraAlignBits = u.accumulator.fracBits + u.accumulator.neab - o.manBits;
      alignBits = u.accumulator.fracBits + u.accumulator.neab + 1;
    }
  }
  const block = u.kind === "float" && u.scale ? (u.scale.family === "mx" ? MX_BLOCK_SCALE : NVFP4_BLOCK_SCALE) : undefined;
  const r = dotUnitCost(a, b, { lanes: u.n, accumulator: acc, extraAlignBits, block, ...(alignBits !== undefined ? { alignBits } : {}) });
  if (!r.ok) return fail(r.reason);
  return ok({ areaUm2: r.value.areaUm2.value * u.n, estimator: `${u.n} × ${r.value.component}` });
}
