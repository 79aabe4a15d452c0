import type { AttentionGeometry, Layer, OperandRole } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";

/** Shape of one attention block (projections and per-head products). */
export interface AttentionParams {
  /** Prefix for layer names, e.g. "attn". */
  readonly name: string;
  readonly batch: number;
  /** Query positions computed now: S in prefill or an encoder, 1 in decode. */
  readonly queryTokens: number;
  /** Key/value positions attended: S in prefill, the context length L (cached + new) in decode. */
  readonly kvTokens: number;
  readonly hidden: number;
  readonly heads: number;
  /** Key/value heads; < heads is grouped-query attention (GQA), 1 is multi-query. */
  readonly kvHeads: number;
  readonly headDim: number;
  /** Decoder with a KV cache: K/V projections write the cache and QKᵀ/PV read it. */
  readonly kvCache: boolean;
}

/**
 * Multi-head attention as GEMMs: the Q, K, V, O projections, then QKᵀ and PV for every head.
 * Queries that share a KV head are stacked into m (m = heads/kvHeads · queryTokens) so each cached K/V
 * block is one B operand read once per group; repeat = batch · kvHeads. With kvHeads = heads this is
 * the usual per-head product. Every (query, key) pair is counted: a causal mask's skipped half is not
 * subtracted, and softmax/scaling are elementwise and not counted.
 */
export function attentionLayers(p: AttentionParams): Layer[] {
  for (const [key, v] of Object.entries(p)) {
    if (typeof v === "number" && (!Number.isSafeInteger(v) || v < 1)) throw new RangeError(`attention '${p.name}': ${key}=${v} must be a positive integer`);
  }
  if (p.heads % p.kvHeads !== 0) throw new RangeError(`attention '${p.name}': heads=${p.heads} must be a multiple of kvHeads=${p.kvHeads}`);
  const geo = (projection?: AttentionGeometry["projection"]): AttentionGeometry => ({
    batch: p.batch, queryTokens: p.queryTokens, kvTokens: p.kvTokens, heads: p.heads, kvHeads: p.kvHeads, headDim: p.headDim,
    ...(projection ? { projection } : {}),
  });
  const tokens = p.batch * p.queryTokens;
  const kvRole: OperandRole = p.kvCache ? "kv-cache" : "activations";
  const proj = (which: "q" | "k" | "v" | "o", n: number, k: number): Layer =>
    makeLayer({
      name: `${p.name}.${which}_proj`,
      op: "attn-proj",
      gemm: { m: tokens, n, k },
      repeat: 1,
      roles: which === "k" || which === "v" ? { ...WEIGHT_ROLES, c: kvRole } : WEIGHT_ROLES,
      attention: geo(which),
    });
  const qPerKv = p.heads / p.kvHeads;
  const stacked = qPerKv * p.queryTokens;
  const repeat = p.batch * p.kvHeads;
  const roles = { a: "activations", b: kvRole, c: "activations" } as const;
  return [
    proj("q", p.heads * p.headDim, p.hidden),
    proj("k", p.kvHeads * p.headDim, p.hidden),
    proj("v", p.kvHeads * p.headDim, p.hidden),
    makeLayer({ name: `${p.name}.qk`, op: "attn-qk", gemm: { m: stacked, n: p.kvTokens, k: p.headDim }, repeat, roles, attention: geo() }),
    makeLayer({ name: `${p.name}.pv`, op: "attn-pv", gemm: { m: stacked, n: p.headDim, k: p.kvTokens }, repeat, roles, attention: geo() }),
    proj("o", p.hidden, p.heads * p.headDim),
  ];
}
