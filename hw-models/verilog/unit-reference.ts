/**
 * What hwsim's own numerics say a generated unit must output: `dot()` / `accumulateProducts()` with the unit's
 * AccumulatorSpec (sim/numerics/ops/dot.ts). Block scales are folded into the element values exactly, as
 * hw-models/numerics/quantized-operand.ts feeds them to the multipliers (value = element · scale).
 */
import { decode } from "../../sim/numerics/codec.js";
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import { accumulateProducts, dot } from "../../sim/numerics/ops/dot.js";
import { intAccumulatorFormat } from "../../sim/numerics/ops/accumulator.js";
import { mulRaw } from "../../sim/numerics/ops/mul.js";
import type { ExactResult } from "../../sim/numerics/ops/op-result.js";
import type { Raw } from "../../sim/numerics/raw.js";
import { ZERO } from "../../sim/numerics/raw.js";
import type { UnitSpec } from "./unit-spec.js";

/** One step's inputs: n codes per operand, the operands' scale codes (block units) and c in the output format. */
export interface UnitVector {
  readonly a: readonly bigint[];
  readonly b: readonly bigint[];
  readonly sa: bigint;
  readonly sb: bigint;
  readonly c: bigint;
}

/** The accumulator register's format (int register or float output format). */
function accFormat(u: UnitSpec) {
  return u.kind === "int" ? intAccumulatorFormat(u.accumulator) : u.accumulator.outputFormat;
}

/** Exact products of one step, block scales folded into each element. */
function products(u: Extract<UnitSpec, { kind: "float" }>, v: UnitVector): ExactResult[] {
  const scaled = (f: FloatFormat, code: bigint, scaleCode: bigint): Raw =>
    u.scale ? mulRaw(decode(f, code), decode(u.scale.format, scaleCode)).value : decode(f, code);
  return v.a.map((a, i) => mulRaw(scaled(u.a, a, v.sa), scaled(u.b, v.b[i]!, v.sb)));
}

/** The output code hwsim computes for one step d = c + Σ a_i·b_i. */
export function referenceStep(u: UnitSpec, v: UnitVector): bigint {
  const c = { format: accFormat(u), code: v.c };
  const r = u.kind === "float" && u.scale ? accumulateProducts(products(u, v), c, u.accumulator) : dot(v.a, v.b, c, u.accumulator, { a: u.a, b: u.b });
  if (!r.ok || r.code === null) throw new Error(`reference ${u.id}: ${r.ok ? "no code" : r.reason}`);
  return r.code;
}

/**
 * The accumulator after a whole sequence of steps from +0: one `dot()` over all the steps' products, which
 * chains the steps' block FMAs (or integer adds) in order.
 */
export function referenceChain(u: UnitSpec, steps: readonly UnitVector[]): bigint {
  const a = steps.flatMap((s) => s.a);
  const b = steps.flatMap((s) => s.b);
  const r =
    u.kind === "float" && u.scale
      ? accumulateProducts(steps.flatMap((s) => products(u, s)), ZERO, u.accumulator)
      : dot(a, b, ZERO, u.accumulator, { a: u.a, b: u.b });
  if (!r.ok || r.code === null) throw new Error(`reference ${u.id}: ${r.ok ? "no code" : r.reason}`);
  return r.code;
}
