import type { Workload } from "../layer.js";
import { encoderLayer } from "./transformer-encoder.js";

/**
 * One ViT-B/16 encoder layer at 224×224: 196 patches + the class token = 197 tokens, hidden 768,
 * 12 heads, MLP 3072 (Dosovitskiy et al., ICLR 2021, Table 1).
 */
export function vitB16Layer(batch = 1): Workload {
  return {
    id: "vit-b16",
    name: "ViT-B/16 encoder layer",
    description: `ViT-B/16 encoder layer, 197 tokens, batch ${batch}`,
    layers: encoderLayer({ batch, tokens: 197, hidden: 768, heads: 12, ffn: 3072 }),
    source: "Dosovitskiy et al., An Image is Worth 16x16 Words, ICLR 2021 (Table 1, ViT-Base)",
  };
}
