/**
 * Which arithmetic unit the Verilog generator builds: a MAC (n = 1) or an n-term dot-product unit, its operand
 * formats, its block scales and the hwsim AccumulatorSpec whose `dot()` it must equal bit for bit.
 *
 * The documented parameter set (issue 9 item 4):
 * - integers of ≤ 8 bits accumulate into `int32-wrap` (wider ones into `int48-dsp`), as hwsim's default
 *   accumulator does; an n-term unit is an exact adder tree plus c, wrapped once (wrapping is modular, so this
 *   equals dot()'s per-step wrap);
 * - floats and block formats use the dot unit a `mac-array:pe=dot<n>` PE makes of hwsim's default float
 *   accumulator (hw-models/mac-array/pe-accumulator.ts: fp32-seq becomes a "dot-unit" accumulator): exact
 *   products, aligned to the LARGEST PRODUCT (the register takes no part) in a window of the format's
 *   `dotAlignBits` (truncation toward zero below it), an exact adder tree, then the tree sum added to the fp32
 *   register with ONE RNE rounding. A float MAC (n = 1) is the same dot unit with one product, i.e. a fused MAC
 *   (hwsim's pe=mac fp32-seq, which rounds the product first, is not generated);
 * - a tensor-core block FMA (Fasi et al. 2021: c aligned together with the products) is still generated when
 *   its spec is given (`resolveUnit(p, n, tcSpec)`), e.g. for the tc-* presets;
 * - MX (OCP MX v1.0 §6): one E8M0 scale per operand per step, added once as an exponent; NVFP4: one E4M3 scale
 *   per operand per step, the two scales multiplied once. A step never spans two scale blocks (n divides the
 *   block size: 32 for MX, 16 for NVFP4).
 */
import type { FloatFormat, IntFormat } from "../../sim/numerics/formats/format.js";
import type { DotUnitAccumulatorSpec, IntAccumulatorSpec, TensorCoreAccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import { dotAlignBits, peAccumulator } from "../mac-array/pe-accumulator.js";
import type { OperandFormat } from "../precision.js";
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

/** The accumulators a float unit is generated for: the dot unit (default) or a tensor-core block FMA. */
export type FloatUnitAccumulator = DotUnitAccumulatorSpec | TensorCoreAccumulatorSpec;

/** Float or block-scaled MAC / dot unit: one dot-unit step (or one tensor-core block FMA) per step. */
export interface FloatUnitSpec extends UnitCommon {
  readonly kind: "float";
  readonly a: FloatFormat;
  readonly b: FloatFormat;
  readonly scale: UnitBlockScale | null;
  readonly accumulator: FloatUnitAccumulator;
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
 * dot-unit spec of float units (a dot-unit or tensor-core spec; its blockSize must equal n); integer units
 * always use their default.
 */
export function resolveUnit(precision: string, n: number, accumulator?: FloatUnitAccumulator): Result<UnitSpec> {
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
    return floatUnit(id, name, n, f, null, accumulator ?? defaultFloatUnitAccumulator(n, op.format, op.format));
  }
  const block = op.format.format;
  if (block.family !== "mx" && block.family !== "nvfp4") return fail(`${name}: the generator builds MX and NVFP4 block units, not ${block.family}`);
  if (block.element.kind !== "float" || block.scale.kind !== "float") return fail(`${name}: only float elements are generated (not ${block.element.id})`);
  if (block.defaultBlockSize % n !== 0) {
    return fail(`${id}: one step would span two ${name} scale blocks of ${block.defaultBlockSize}; use n dividing ${block.defaultBlockSize}`);
  }
  const scale: UnitBlockScale = { family: block.family, format: block.scale, blockSize: block.defaultBlockSize };
  return floatUnit(id, name, n, block.element, scale, accumulator ?? defaultFloatUnitAccumulator(n, op.format, op.format));
}

function floatUnit(id: string, name: string, n: number, f: FloatFormat, scale: UnitBlockScale | null, acc: FloatUnitAccumulator): Result<UnitSpec> {
  if (acc.blockSize !== n) return fail(`${id}: accumulator block size ${acc.blockSize} must equal n = ${n}`);
  return ok({ kind: "float", id, n, precision: name, a: f, b: f, scale, accumulator: acc });
}

/**
 * The dot unit of a float unit with n products per step for operands a × b: fp32-seq as a dot<n> PE runs it
 * (`peAccumulator(fp32-seq, n, {a, b})`, which a test checks), and for n = 1 the same dot unit with one product
 * (a fused MAC whose window is `dotAlignBits`).
 */
export function defaultFloatUnitAccumulator(n: number, a: OperandFormat, b: OperandFormat): DotUnitAccumulatorSpec {
  const seq = resolveAccumulator("fp32-seq");
  if (!seq.ok || seq.spec.kind !== "float") throw new Error("fp32-seq is missing");
  if (n === 1) {
    const f = seq.spec.format;
    return { kind: "dot-unit", id: `${seq.spec.id}@mac-fused`, blockSize: 1, alignBits: dotAlignBits(a, b, f.manBits), outputFormat: f, outputRounding: seq.spec.rounding };
  }
  const pe = peAccumulator(seq.spec, n, { a, b });
  if (!pe.ok || pe.value.kind !== "dot-unit") throw new Error(`fp32-seq on a dot${n} PE is not a dot unit${pe.ok ? "" : `: ${pe.reason}`}`);
  return pe.value;
}
