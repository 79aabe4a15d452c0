import type { Workload } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";
import { stackLayers } from "./layer-stack.js";
import { encoderLayer } from "./transformer-encoder.js";

/** ViT-B/16 depth (Dosovitskiy et al., ICLR 2021, Table 1: 12 layers). */
export const VIT_B16_LAYERS = 12;

/**
 * ViT-B/16 encoder layers at 224×224: 196 patches + the class token = 197 tokens, hidden 768, 12 heads, MLP 3072
 * (Dosovitskiy et al., ICLR 2021, Table 1). The whole model (12 layers) adds the patch embedding (a 16×16
 * stride-16 conv: 196 patches × 768 from 16·16·3 = 768 inputs) and the ImageNet-1k classification head on the
 * class token (768 → 1000).
 */
export function vitB16Layer(batch = 1, layers = 1): Workload {
  const body = stackLayers(encoderLayer({ batch, tokens: 197, hidden: 768, heads: 12, ffn: 3072 }), layers);
  const whole = layers === VIT_B16_LAYERS;
  const embed = makeLayer({ name: "patch_embed", op: "conv2d", gemm: { m: batch * 196, n: 768, k: 768 }, repeat: 1, roles: WEIGHT_ROLES });
  const head = makeLayer({ name: "head", op: "fc", gemm: { m: batch, n: 1000, k: 768 }, repeat: 1, roles: WEIGHT_ROLES });
  const what = layers === 1 ? "encoder layer" : whole ? "whole model (patch embedding, 12 layers, head)" : `${layers} encoder layers`;
  return {
    id: "vit-b16",
    name: `ViT-B/16 ${what}`,
    description: `ViT-B/16 ${what}, 197 tokens, batch ${batch}`,
    layers: whole ? [embed, ...body, head] : body,
    source: "Dosovitskiy et al., An Image is Worth 16x16 Words, ICLR 2021 (Table 1, ViT-Base)",
  };
}
