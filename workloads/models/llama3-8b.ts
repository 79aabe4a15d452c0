import type { Layer, Workload } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";
import { stackLayers } from "./layer-stack.js";
import { attentionLayers } from "../ops/attention.js";
import { ffnLayers } from "../ops/ffn.js";

/**
 * Llama-3-8B decoder layer shape (Meta Llama 3 model card / config.json): hidden 4096, 32 query heads,
 * 8 KV heads (GQA), head dim 128, SwiGLU FFN with intermediate size 14336.
 */
export const LLAMA3_8B = { hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, intermediate: 14336, layers: 32, vocab: 128256 } as const;

const SOURCE = "Meta Llama 3 8B config.json (hidden_size 4096, num_attention_heads 32, num_key_value_heads 8, intermediate_size 14336, num_hidden_layers 32, vocab_size 128256)";

/**
 * The LM head: logits for the last position of each sequence (what sampling needs; serving engines such as vLLM
 * compute no other logits in prefill), A = final hidden states [batch × 4096], B = the output embedding.
 */
function lmHead(batch: number): Layer {
  return makeLayer({ name: "lm_head", op: "lm-head", gemm: { m: batch, n: LLAMA3_8B.vocab, k: LLAMA3_8B.hidden }, repeat: 1, roles: WEIGHT_ROLES });
}

/** `layers` decoder layers; the whole model (all 32) adds the LM head. */
function stack(batch: number, queryTokens: number, kvTokens: number, layers: number): Layer[] {
  const body = stackLayers(decoderLayer(batch, queryTokens, kvTokens), layers);
  return layers === LLAMA3_8B.layers ? [...body, lmHead(batch)] : body;
}

const what = (layers: number) => (layers === 1 ? "decoder layer" : layers === LLAMA3_8B.layers ? "whole model (32 decoder layers and the LM head)" : `${layers} decoder layers`);

function decoderLayer(batch: number, queryTokens: number, kvTokens: number): Layer[] {
  const c = LLAMA3_8B;
  return [
    ...attentionLayers({
      name: "attn", batch, queryTokens, kvTokens, hidden: c.hidden, heads: c.heads, kvHeads: c.kvHeads, headDim: c.headDim, kvCache: true,
    }),
    ...ffnLayers({ name: "mlp", tokens: batch * queryTokens, hidden: c.hidden, intermediate: c.intermediate, gated: true }),
  ];
}

/** Llama-3-8B decoder layers in prefill: `seqLen` new tokens per sequence attend to each other (full, unmasked count). */
export function llama3_8bPrefill(seqLen = 2048, batch = 1, layers = 1): Workload {
  return {
    id: "llama3-8b-prefill",
    name: `Llama-3-8B ${what(layers)}, prefill`,
    description: `Llama-3-8B ${what(layers)}, prefill of ${seqLen} tokens, batch ${batch}`,
    layers: stack(batch, seqLen, seqLen, layers),
    source: SOURCE,
  };
}

/** Llama-3-8B decoder layers in decode: one new token per sequence attends to `context` cached positions. */
export function llama3_8bDecode(batch = 1, context = 2048, layers = 1): Workload {
  return {
    id: "llama3-8b-decode",
    name: `Llama-3-8B ${what(layers)}, decode`,
    description: `Llama-3-8B ${what(layers)}, decode step, batch ${batch}, context ${context}`,
    layers: stack(batch, 1, context, layers),
    source: SOURCE,
  };
}
