import type { AccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import type { Result } from "../../workloads/result.js";
import type { OperandFormat } from "../precision.js";
import { elementFormat } from "../precision.js";
import { operandFromFormat } from "../cost/operand.js";
import { alignmentBits } from "../cost/dot-unit.js";

/**
 * Extra alignment bits a dot PE keeps below its accumulator's fraction when it aligns the n products and the
 * register to the largest exponent: guard, round and sticky positions of a float adder (Ercegovac & Lang,
 * Digital Arithmetic, 2004, §8.1), here kept as plain bits and truncated below (the tensor-core behaviour
 * Fasi et al. 2021 measured; NVIDIA parts keep 0–2).
 */
export const DOT_PE_EXTRA_ALIGN_BITS = 3;

/**
 * Fixed-point bits a dot PE keeps of each block's products (leading bit included), for these operand formats: the
 * products' exact window when it fits the register's fraction + 1 + DOT_PE_EXTRA_ALIGN_BITS, else that cap — the
 * same width the cost model prices (cost/dot-unit.ts alignmentBits). Block scales are folded into the values the
 * numerics multiply, so a non-power-of-two scale (NVFP4's E4M3) widens the window of the scaled products by its
 * significand bits, which the hardware spends once per block in its scale multiply instead: both drop nothing.
 */
export function dotAlignBits(a: OperandFormat, b: OperandFormat, fracBits: number): number {
  const acc = { kind: "float" as const, expBits: 8, manBits: fracBits };
  const scaleBits = (f: OperandFormat) => (f.kind === "block" && f.format.scale.kind === "float" && f.format.scale.manBits > 0 ? f.format.scale.manBits + 1 : 0);
  const window = alignmentBits(operandFromFormat(elementFormat(a)), operandFromFormat(elementFormat(b)), acc, DOT_PE_EXTRA_ALIGN_BITS);
  return Math.min(window + scaleBits(a) + scaleBits(b), fracBits + 1 + DOT_PE_EXTRA_ALIGN_BITS);
}

/**
 * The accumulator a PE runs. A MAC PE runs the precision's own. A dot<n> PE sums n exact products per cycle:
 * integer registers add the exact tree sum with their wrap or saturation; a float accumulator becomes a dot unit
 * (ops/accumulator.ts "dot-unit": each step's products aligned to the largest product, `dotAlignBits` kept,
 * summed exactly, added to the register with one rounding in the accumulator's mode — the OCP MX dot product's
 * shape); tensor-core presets run as they are when their block size is n; an exact register stays exact.
 * `operands` sets the alignment window (the widest, fracBits + 1 + extra bits, when absent).
 */
export function peAccumulator(spec: AccumulatorSpec, lanes: number, operands?: { a: OperandFormat; b: OperandFormat }): Result<AccumulatorSpec> {
  if (lanes === 1) {
    if (spec.kind === "tensor-core" || spec.kind === "tensor-core-promoted" || spec.kind === "dot-unit") {
      return { ok: false, reason: `'${spec.id}' sums ${spec.blockSize}-term blocks: use a dot-product PE, --hw mac-array:pe=dot${spec.blockSize}` };
    }
    return { ok: true, value: spec };
  }
  switch (spec.kind) {
    case "int":
    case "exact":
      return { ok: true, value: spec };
    case "float": {
      const alignBits = operands ? dotAlignBits(operands.a, operands.b, spec.format.manBits) : spec.format.manBits + 1 + DOT_PE_EXTRA_ALIGN_BITS;
      return {
        ok: true,
        value: { kind: "dot-unit", id: `${spec.id}@dot${lanes}`, blockSize: lanes, alignBits, outputFormat: spec.format, outputRounding: spec.rounding },
      };
    }
    case "dot-unit":
      if (spec.blockSize !== lanes) return { ok: false, reason: `'${spec.id}' sums ${spec.blockSize}-term blocks, not the PE's ${lanes}: use pe=dot${spec.blockSize}` };
      return { ok: true, value: spec };
    case "tensor-core":
      if (spec.blockSize !== lanes) {
        return { ok: false, reason: `'${spec.id}' sums ${spec.blockSize}-term blocks, not the PE's ${lanes}: use pe=dot${spec.blockSize}` };
      }
      return { ok: true, value: spec };
    case "tensor-core-promoted":
      return { ok: false, reason: `'${spec.id}' promotes partial sums to a CUDA-core adder: the array models no such path (the gpu-tensor-core substrate will)` };
  }
}
