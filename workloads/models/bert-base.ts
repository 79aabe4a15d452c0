import type { Workload } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";
import { stackLayers } from "./layer-stack.js";
import { encoderLayer } from "./transformer-encoder.js";

/** BERT-base depth (Devlin et al., NAACL 2019: L = 12). */
export const BERT_BASE_LAYERS = 12;

/**
 * BERT-base encoder layers: hidden 768, 12 heads (head dim 64), FFN 3072 (Devlin et al., NAACL 2019). The whole
 * model (12 layers) adds the pooler, a 768×768 dense layer on the [CLS] token of each sequence (the model's own
 * output head; task heads vary and are not included).
 */
export function bertBaseLayer(seqLen = 128, batch = 1, layers = 1): Workload {
  const body = stackLayers(encoderLayer({ batch, tokens: seqLen, hidden: 768, heads: 12, ffn: 3072 }), layers);
  const pooler = makeLayer({ name: "pooler", op: "pooler", gemm: { m: batch, n: 768, k: 768 }, repeat: 1, roles: WEIGHT_ROLES });
  const what = layers === 1 ? "encoder layer" : layers === BERT_BASE_LAYERS ? "whole encoder (12 layers and the pooler)" : `${layers} encoder layers`;
  return {
    id: "bert-base",
    name: `BERT-base ${what}`,
    description: `BERT-base ${what}, sequence ${seqLen}, batch ${batch}`,
    layers: layers === BERT_BASE_LAYERS ? [...body, pooler] : body,
    source: "Devlin et al., BERT, NAACL 2019 (BERT-base: L=12, H=768, A=12, FFN 4H)",
  };
}
