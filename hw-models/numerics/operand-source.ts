import type { Layer, OperandRole } from "../../workloads/layer.js";
import type { Distribution, LazyTensor } from "../../workloads/tensors/generators.js";
import { lazyTensor } from "../../workloads/tensors/generators.js";
import type { AbsmaxMethod } from "../../workloads/quant/streaming-calibrate.js";
import { streamingAbsmax } from "../../workloads/quant/streaming-calibrate.js";
import type { Result } from "../../workloads/result.js";

/**
 * Operand value distributions, chosen per role and operator (an explicit modelling choice, stated in reports):
 * weights ~ N(0, 1); CNN activations ~ Laplace(0, 1) (heavier tails than weights); transformer activations
 * and KV-cache entries carry LLM.int8()-style outlier channels along the reduction axis (Dettmers et al.
 * 2022), which is what separates per-tensor INT8 from FP8 on LLM layers.
 */
export function operandDistribution(layer: Layer, role: OperandRole, axis: number): Distribution {
  if (role === "weights") return { kind: "normal" };
  const transformer = layer.op.startsWith("attn") || layer.op.startsWith("ffn") || layer.op === "lm-head" || layer.op === "pooler";
  return transformer ? { kind: "channel-outliers", axis } : { kind: "laplace" };
}

/** One operand of one repeat of a layer, made on demand: A is [m × k], B is [k × n]. */
export interface OperandSource {
  readonly tensor: LazyTensor;
  /** Identifies the tensor's values (seed, shape, distribution, or the file) for calibration memos. */
  readonly key: string;
}

/** A [rows × cols] operand of one repeat of a layer, from its own seed (or the file it was loaded from). */
export function operandSource(layer: Layer, which: "a" | "b", seed: number): Result<OperandSource> {
  const { m, n, k } = layer.gemm;
  const shape = which === "a" ? [m, k] : [k, n];
  const real = which === "b" ? layer.operandData?.b : undefined;
  if (real) return { ok: true, value: { tensor: denseSource(real, shape), key: `file|${layer.name}|${shape.join("x")}` } };
  // The reduction axis (k) is where outlier channels live: axis 1 of A, axis 0 of B.
  const dist = operandDistribution(layer, layer.roles[which], which === "a" ? 1 : 0);
  const t = lazyTensor(dist, shape, seed);
  return t.ok ? { ok: true, value: { tensor: t.value, key: `${seed}|${shape.join("x")}|${JSON.stringify(dist)}` } } : t;
}

/** An in-memory array seen as a lazy tensor (weights from a file). */
function denseSource(data: Float64Array, shape: readonly number[]): LazyTensor {
  return {
    shape,
    size: data.length,
    at: (i) => data[i]!,
    fill(out, offset, start, stride, count) {
      for (let c = 0, i = start; c < count; c++, i += stride) out[offset + c] = data[i]!;
    },
    outlierChannels: [],
    outlierFactors: [],
    outlierAxis: -1,
    bulkAbsBound: Infinity,
  };
}

/** A memo of whole-tensor absmax values, shared across precisions by the caller (the values do not depend on them). */
export type AbsmaxMemo = Map<string, { absmax: number; method: AbsmaxMethod }>;

/** The exact absmax of a whole operand, computed once per memo. */
export function operandAbsmax(src: OperandSource, memo: AbsmaxMemo | undefined): { absmax: number; method: AbsmaxMethod } {
  const hit = memo?.get(src.key);
  if (hit) return hit;
  const r = streamingAbsmax(src.tensor);
  const v = { absmax: r.absmax, method: r.method };
  memo?.set(src.key, v);
  return v;
}
