import type { Workload } from "../layer.js";
import { encoderLayer } from "./transformer-encoder.js";

/** One BERT-base encoder layer: hidden 768, 12 heads (head dim 64), FFN 3072 (Devlin et al., NAACL 2019). */
export function bertBaseLayer(seqLen = 128, batch = 1): Workload {
  return {
    id: "bert-base",
    name: "BERT-base encoder layer",
    description: `BERT-base encoder layer, sequence ${seqLen}, batch ${batch}`,
    layers: encoderLayer({ batch, tokens: seqLen, hidden: 768, heads: 12, ffn: 3072 }),
    source: "Devlin et al., BERT, NAACL 2019 (BERT-base: L=12, H=768, A=12, FFN 4H)",
  };
}
