import type { Layer, Workload } from "../layer.js";
import { attentionLayers } from "../ops/attention.js";
import { conv2dLayer } from "../ops/conv2d.js";
import { ffnLayers } from "../ops/ffn.js";
import { unwrap } from "../result.js";

/**
 * The default workload: one of each common operator at small sizes (≈3.5 M MACs in all), small enough
 * that every output element can be simulated bit-exactly for several formats in well under a second.
 */
export function defaultWorkload(): Workload {
  const attn = attentionLayers({
    name: "attn", batch: 1, queryTokens: 32, kvTokens: 32, hidden: 128, heads: 4, kvHeads: 4, headDim: 32, kvCache: false,
  });
  const up = ffnLayers({ name: "ffn", tokens: 32, hidden: 128, intermediate: 256, gated: false })[0]!;
  const layers: Layer[] = [
    unwrap(conv2dLayer({ name: "conv3x3", h: 16, w: 16, c: 16, k: 32, r: 3, s: 3, pad: 1 })),
    unwrap(conv2dLayer({ name: "conv1x1", h: 16, w: 16, c: 32, k: 64, r: 1, s: 1 })),
    unwrap(conv2dLayer({ name: "dwconv3x3", h: 16, w: 16, c: 64, k: 64, r: 3, s: 3, pad: 1, groups: 64 })),
    attn.find((l) => l.name === "attn.q_proj")!,
    attn.find((l) => l.name === "attn.qk")!,
    up,
  ];
  return {
    id: "default",
    name: "Default mixed workload",
    description: "3×3 conv, 1×1 conv, depthwise 3×3 conv, attention Q projection, QKᵀ (4 heads) and an FFN up-projection at small sizes",
    layers,
    source: "hwsim built-in (sizes chosen for fast bit-exact simulation)",
  };
}
