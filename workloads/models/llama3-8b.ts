import type { Layer, Workload } from "../layer.js";
import { attentionLayers } from "../ops/attention.js";
import { ffnLayers } from "../ops/ffn.js";

/**
 * Llama-3-8B decoder layer shape (Meta Llama 3 model card / config.json): hidden 4096, 32 query heads,
 * 8 KV heads (GQA), head dim 128, SwiGLU FFN with intermediate size 14336.
 */
export const LLAMA3_8B = { hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, intermediate: 14336 } as const;

const SOURCE = "Meta Llama 3 8B config (hidden 4096, 32 heads, 8 KV heads, intermediate 14336)";

function decoderLayer(batch: number, queryTokens: number, kvTokens: number): Layer[] {
  const c = LLAMA3_8B;
  return [
    ...attentionLayers({
      name: "attn", batch, queryTokens, kvTokens, hidden: c.hidden, heads: c.heads, kvHeads: c.kvHeads, headDim: c.headDim, kvCache: true,
    }),
    ...ffnLayers({ name: "mlp", tokens: batch * queryTokens, hidden: c.hidden, intermediate: c.intermediate, gated: true }),
  ];
}

/** One Llama-3-8B decoder layer in prefill: `seqLen` new tokens per sequence attend to each other (full, unmasked count). */
export function llama3_8bPrefill(seqLen = 2048, batch = 1): Workload {
  return {
    id: "llama3-8b-prefill",
    name: "Llama-3-8B decoder layer, prefill",
    description: `Llama-3-8B decoder layer, prefill of ${seqLen} tokens, batch ${batch}`,
    layers: decoderLayer(batch, seqLen, seqLen),
    source: SOURCE,
  };
}

/** One Llama-3-8B decoder layer in decode: one new token per sequence attends to `context` cached positions. */
export function llama3_8bDecode(batch = 1, context = 2048): Workload {
  return {
    id: "llama3-8b-decode",
    name: "Llama-3-8B decoder layer, decode",
    description: `Llama-3-8B decoder layer, decode step, batch ${batch}, context ${context}`,
    layers: decoderLayer(batch, 1, context),
    source: SOURCE,
  };
}
