import type { Layer } from "../layer.js";
import { attentionLayers } from "../ops/attention.js";
import { ffnLayers } from "../ops/ffn.js";

/** Shape of one transformer encoder layer. */
export interface EncoderLayerParams {
  readonly batch: number;
  readonly tokens: number;
  readonly hidden: number;
  readonly heads: number;
  readonly ffn: number;
}

/** One pre-/post-norm transformer encoder layer (MHA + 2-GEMM FFN); norms, softmax and GELU are not GEMMs. */
export function encoderLayer(p: EncoderLayerParams): Layer[] {
  return [
    ...attentionLayers({
      name: "attn", batch: p.batch, queryTokens: p.tokens, kvTokens: p.tokens, hidden: p.hidden,
      heads: p.heads, kvHeads: p.heads, headDim: p.hidden / p.heads, kvCache: false,
    }),
    ...ffnLayers({ name: "ffn", tokens: p.batch * p.tokens, hidden: p.hidden, intermediate: p.ffn, gated: false }),
  ];
}
