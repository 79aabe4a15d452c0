import type { Layer } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";

/** Shape of one feed-forward block. */
export interface FfnParams {
  /** Prefix for layer names, e.g. "ffn". */
  readonly name: string;
  /** Tokens processed (batch × sequence). */
  readonly tokens: number;
  readonly hidden: number;
  readonly intermediate: number;
  /** Gated (SwiGLU/GeGLU): a gate GEMM of the same shape as up; the elementwise product is not a GEMM. */
  readonly gated: boolean;
}

/**
 * Feed-forward block as GEMMs: up (tokens×intermediate×hidden), gate when gated, and down
 * (tokens×hidden×intermediate). Activation functions and the gate product are elementwise and not counted.
 */
export function ffnLayers(p: FfnParams): Layer[] {
  const up = { m: p.tokens, n: p.intermediate, k: p.hidden };
  const layers: Layer[] = [];
  if (p.gated) layers.push(makeLayer({ name: `${p.name}.gate`, op: "ffn-gate", gemm: up, repeat: 1, roles: WEIGHT_ROLES }));
  layers.push(makeLayer({ name: `${p.name}.up`, op: "ffn-up", gemm: up, repeat: 1, roles: WEIGHT_ROLES }));
  layers.push(
    makeLayer({ name: `${p.name}.down`, op: "ffn-down", gemm: { m: p.tokens, n: p.hidden, k: p.intermediate }, repeat: 1, roles: WEIGHT_ROLES }),
  );
  return layers;
}
