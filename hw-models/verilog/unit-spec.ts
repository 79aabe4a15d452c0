/**
 * Which arithmetic unit the Verilog generator builds: a MAC (n = 1) or an n-term dot-product unit, its operand
 * formats, its block scales and the hwsim AccumulatorSpec whose `dot()` it must equal bit for bit.
 *
 * The documented parameter set (issue 9 item 4):
 * - integers of ≤ 8 bits accumulate into `int32-wrap` (wider ones into `int48-dsp`), as hwsim's default
 *   accumulator does; an n-term unit is an exact adder tree plus c, wrapped once (wrapping is modular, so this
 *   equals dot()'s per-step wrap);
 * - floats and block formats use the block FMA a `mac-array:pe=dot<n>` PE runs for hwsim's default float
 *   accumulator (hw-models/mac-array/pe-accumulator.ts: fp32-seq becomes an n-term tensor-core block FMA, Fasi et
 *   al. 2021): exact products, alignment to the largest exponent keeping 23 + DOT_PE_EXTRA_ALIGN_BITS fraction
 *   bits (truncation below), an adder tree, one RNE rounding into fp32 per n products, c included as an addend.
 *   A float MAC (n = 1) is the same block FMA with one product: a fused MAC with that alignment window (hwsim's
 *   pe=mac fp32-seq, a full fp32 adder, is not generated);
 * - MX (OCP MX v1.0 §6): one E8M0 scale per operand per step, added once as an exponent; NVFP4: one E4M3 scale
 *   per operand per step, the two scales multiplied once. A step never spans two scale blocks (n divides the
 *   block size: 32 for MX, 16 for NVFP4).
 */
import type { FloatFormat, IntFormat } from "../../sim/numerics/formats/format.js";
import type { IntAccumulatorSpec, TensorCoreAccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import { DOT_PE_EXTRA_ALIGN_BITS } from "../mac-array/pe-accumulator.js";
import { fail, ok, type Result } from "../../workloads/result.js";
import { lookupOperand } from "../precision.js";

/** Shared block scale of one operand: one scale code per operand per step. */
export interface UnitBlockScale {
  readonly family: "mx" | "nvfp4";
  readonly format: FloatFormat;
  /** Elements that share one scale in the block format (32 MX, 16 NVFP4). */
  readonly blockSize: number;
}

interface UnitCommon {
  /** Unit id, e.g. `dot16-fp8-e4m3`, `mac-int8`. */
  readonly id: string;
  /** Products per step (1 for a MAC). */
  readonly n: number;
  /** Precision name the unit was built for (`fp8-e4m3`, `mxfp4`). */
  readonly precision: string;
}

/** Integer MAC / dot unit: d = wrap(c + Σ a_i·b_i). */
export interface IntUnitSpec extends UnitCommon {
  readonly kind: "int";
  readonly a: IntFormat;
  readonly b: IntFormat;
  readonly accumulator: IntAccumulatorSpec;
}

/** Float or block-scaled MAC / dot unit: one tensor-core block FMA per step. */
export interface FloatUnitSpec extends UnitCommon {
  readonly kind: "float";
  readonly a: FloatFormat;
  readonly b: FloatFormat;
  readonly scale: UnitBlockScale | null;
  readonly accumulator: TensorCoreAccumulatorSpec;
}

export type UnitSpec = IntUnitSpec | FloatUnitSpec;

/** Largest n a generated unit takes (issue 9: dot<n>, n from 2 to 64). */
export const MAX_UNIT_TERMS = 64;

const PE_PATTERN = /^(mac|dot(\d+))$/;

/** Products per step of a PE name: `mac` is 1, `dot<n>` is n (2..64). */
export function peTerms(pe: string): Result<number> {
  const m = PE_PATTERN.exec(pe.trim().toLowerCase());
  if (!m) return fail(`unknown PE '${pe}': use mac or dot<n> with n from 2 to ${MAX_UNIT_TERMS} (e.g. dot16)`);
  if (m[1] === "mac") return ok(1);
  const n = Number(m[2]);
  if (!Number.isInteger(n) || n < 2 || n > MAX_UNIT_TERMS) return fail(`dot<n> needs n from 2 to ${MAX_UNIT_TERMS}, got '${pe}'`);
  return ok(n);
}

/** The unit id for a precision and n: `mac-int8`, `dot16-mxfp4`. */
export function unitId(precision: string, n: number): string {
  return `${n === 1 ? "mac" : `dot${n}`}-${precision}`;
}

/**
 * The unit for one precision (both operands in it) with n products per step. `accumulator` overrides the
 * tensor-core spec of float units (its blockSize must equal n); integer units always use their default.
 */
export function resolveUnit(precision: string, n: number, accumulator?: TensorCoreAccumulatorSpec): Result<UnitSpec> {
  if (!Number.isInteger(n) || n < 1 || n > MAX_UNIT_TERMS) return fail(`unit terms must be 1..${MAX_UNIT_TERMS}, got ${n}`);
  const op = lookupOperand(precision);
  if (!op.ok) return fail(op.reason);
  const name = op.format.format.id;
  const id = unitId(name, n);
  if (op.format.kind === "scalar") {
    const f = op.format.format;
    if (f.kind === "int") {
      const acc = resolveAccumulator(f.bits <= 8 ? "int32-wrap" : "int48-dsp");
      if (!acc.ok || acc.spec.kind !== "int") throw new Error("int accumulator presets are missing");
      if (f.bits * 2 > acc.spec.widthBits) return fail(`${name}: products are wider than the ${acc.spec.widthBits}-bit accumulator`);
      return ok({ kind: "int", id, n, precision: name, a: f, b: f, accumulator: acc.spec });
    }
    return floatUnit(id, name, n, f, null, accumulator);
  }
  const block = op.format.format;
  if (block.family !== "mx" && block.family !== "nvfp4") return fail(`${name}: the generator builds MX and NVFP4 block units, not ${block.family}`);
  if (block.element.kind !== "float" || block.scale.kind !== "float") return fail(`${name}: only float elements are generated (not ${block.element.id})`);
  if (block.defaultBlockSize % n !== 0) {
    return fail(`${id}: one step would span two ${name} scale blocks of ${block.defaultBlockSize}; use n dividing ${block.defaultBlockSize}`);
  }
  const scale: UnitBlockScale = { family: block.family, format: block.scale, blockSize: block.defaultBlockSize };
  return floatUnit(id, name, n, block.element, scale, accumulator);
}

function floatUnit(
  id: string,
  name: string,
  n: number,
  f: FloatFormat,
  scale: UnitBlockScale | null,
  given: TensorCoreAccumulatorSpec | undefined,
): Result<UnitSpec> {
  const acc = given ?? defaultFloatUnitAccumulator(n);
  if (acc.blockSize !== n) return fail(`${id}: accumulator block size ${acc.blockSize} must equal n = ${n}`);
  return ok({ kind: "float", id, n, precision: name, a: f, b: f, scale, accumulator: acc });
}

/**
 * The block FMA of a float unit with n products per step: fp32-seq as a dot<n> PE runs it (same fields as
 * hw-models/mac-array/pe-accumulator.ts, which a test checks), with blockSize n (1 for a fused MAC).
 */
export function defaultFloatUnitAccumulator(n: number): TensorCoreAccumulatorSpec {
  const fp32 = lookupScalar("fp32");
  if (!fp32.ok || fp32.format.kind !== "float") throw new Error("fp32 is missing");
  return {
    kind: "tensor-core",
    id: `fp32-seq@dot${n}`,
    blockSize: n,
    neab: DOT_PE_EXTRA_ALIGN_BITS,
    fracBits: fp32.format.manBits,
    outputFormat: fp32.format,
    outputRounding: "rne",
  };
}
