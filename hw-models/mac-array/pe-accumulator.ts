import type { AccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import type { Result } from "../../workloads/result.js";

/**
 * Extra alignment bits a dot PE keeps below its accumulator's fraction when it aligns the n products and the
 * register to the largest exponent: guard, round and sticky positions of a float adder (Ercegovac & Lang,
 * Digital Arithmetic, 2004, §8.1), here kept as plain bits and truncated below (the tensor-core behaviour
 * Fasi et al. 2021 measured; NVIDIA parts keep 0–2).
 */
export const DOT_PE_EXTRA_ALIGN_BITS = 3;

/**
 * The accumulator a PE runs. A MAC PE runs the precision's own. A dot<n> PE sums n exact products per cycle:
 * integer registers add the exact tree sum with their wrap or saturation; a float accumulator becomes an n-term
 * block FMA on the same register format (products and register aligned to the largest exponent, fracBits +
 * DOT_PE_EXTRA_ALIGN_BITS kept, truncated below, one rounding with the accumulator's mode per n products);
 * tensor-core presets run as they are when their block size is n; an exact register stays exact.
 */
export function peAccumulator(spec: AccumulatorSpec, lanes: number): Result<AccumulatorSpec> {
  if (lanes === 1) {
    if (spec.kind === "tensor-core" || spec.kind === "tensor-core-promoted") {
      return { ok: false, reason: `'${spec.id}' sums ${spec.blockSize}-term blocks: use a dot-product PE, --hw mac-array:pe=dot${spec.blockSize}` };
    }
    return { ok: true, value: spec };
  }
  switch (spec.kind) {
    case "int":
    case "exact":
      return { ok: true, value: spec };
    case "float":
      return {
        ok: true,
        value: {
          kind: "tensor-core",
          id: `${spec.id}@dot${lanes}`,
          blockSize: lanes,
          neab: DOT_PE_EXTRA_ALIGN_BITS,
          fracBits: spec.format.manBits,
          outputFormat: spec.format,
          outputRounding: spec.rounding,
        },
      };
    case "tensor-core":
      if (spec.blockSize !== lanes) {
        return { ok: false, reason: `'${spec.id}' sums ${spec.blockSize}-term blocks, not the PE's ${lanes}: use pe=dot${spec.blockSize}` };
      }
      return { ok: true, value: spec };
    case "tensor-core-promoted":
      return { ok: false, reason: `'${spec.id}' promotes partial sums to a CUDA-core adder: the array models no such path (the gpu-tensor-core substrate will)` };
  }
}
