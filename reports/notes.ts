/** Fixed explanatory lines of the report's Assumptions section (what the operands are and how they are quantized). */
export function operandDistributionNote(): string[] {
  return [
    "- Operands are seeded synthetic tensors: weights ~ N(0, 1); CNN activations ~ Laplace(0, 1); transformer activations and KV-cache entries carry LLM.int8()-style outlier channels (0.5% of channels ×20–60, after Dettmers et al. 2022).",
    "- Quantization: integers and ≤ 8-bit floats use symmetric absmax scaling, per tensor for activations and per output channel for weights; fp16/bf16/fp32 are plain casts; MX, NVFP4 and BFP formats scale their own blocks along the reduction axis, with block scales folded into each product.",
  ];
}
