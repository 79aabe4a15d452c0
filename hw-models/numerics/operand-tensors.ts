import type { Layer, OperandRole } from "../../workloads/layer.js";
import type { Distribution } from "../../workloads/tensors/generators.js";
import { generateTensor } from "../../workloads/tensors/generators.js";
import type { Result } from "../../workloads/result.js";

/**
 * Operand value distributions, chosen per role and operator (an explicit modelling choice, stated in reports):
 * weights ~ N(0, 1); CNN activations ~ Laplace(0, 1) (heavier tails than weights); transformer activations
 * and KV-cache entries carry LLM.int8()-style outlier channels along the reduction axis (Dettmers et al.
 * 2022), which is what separates per-tensor INT8 from FP8 on LLM layers.
 */
export function operandDistribution(layer: Layer, role: OperandRole, axis: number): Distribution {
  if (role === "weights") return { kind: "normal" };
  const transformer = layer.op.startsWith("attn") || layer.op.startsWith("ffn");
  return transformer ? { kind: "channel-outliers", axis } : { kind: "laplace" };
}

/** A [rows × cols] operand of one repeat of a layer, from its own seed. */
export function operandTensor(layer: Layer, which: "a" | "b", seed: number): Result<Float64Array> {
  const real = which === "b" ? layer.operandData?.b : undefined;
  if (real) return { ok: true, value: real }; // weights loaded from a file
  const { m, n, k } = layer.gemm;
  const shape = which === "a" ? [m, k] : [k, n];
  // The reduction axis (k) is where outlier channels live: axis 1 of A, axis 0 of B.
  const dist = operandDistribution(layer, layer.roles[which], which === "a" ? 1 : 0);
  const t = generateTensor(dist, shape, seed);
  return t.ok ? { ok: true, value: t.value.data } : t;
}
