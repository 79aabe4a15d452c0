/**
 * A workload layer lowered to one GEMM shape: C[m×n] = A[m×k] · B[k×n], repeated `repeat` times
 * (groups of a grouped conv, heads × batch of attention). Metadata carries what a cycle model and a
 * per-layer report need beyond (m, n, k).
 */

/** What an operand holds: weights are static, activations stream, KV-cache entries are written once and re-read. */
export type OperandRole = "weights" | "activations" | "kv-cache";

/** Operator kind of a layer (the GEMM it lowers to is always in `gemm`). */
export type OpKind =
  | "gemm"
  | "conv2d"
  | "fc"
  | "attn-proj"
  | "attn-qk"
  | "attn-pv"
  | "ffn-up"
  | "ffn-gate"
  | "ffn-down"
  | "lm-head"
  | "pooler";

/** GEMM dimensions: C[m×n] = A[m×k]·B[k×n]. */
export interface GemmShape {
  /** Rows of A and C (output pixels, tokens). */
  readonly m: number;
  /** Columns of B and C (output channels, features). */
  readonly n: number;
  /** Reduction length (R·S·C/groups for a conv, hidden size for a projection). */
  readonly k: number;
}

/** Roles of A (m×k), B (k×n) and the output C (m×n). */
export interface OperandRoles {
  readonly a: OperandRole;
  readonly b: OperandRole;
  readonly c: OperandRole;
}

/** Convolution geometry (NHWC, batch folded into m). Output size: see conv2d.ts `convOutputSize`. */
export interface ConvGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outC: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padH: number;
  readonly padW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly groups: number;
  readonly outH: number;
  readonly outW: number;
  /** groups === inC (one filter set per input channel). */
  readonly depthwise: boolean;
}

/** Attention metadata for projections and the per-head QKᵀ / PV products. */
export interface AttentionGeometry {
  readonly batch: number;
  /** Query positions processed now (S in prefill, 1 in decode). */
  readonly queryTokens: number;
  /** Key/value positions attended (S in prefill, context length L in decode). */
  readonly kvTokens: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** For attn-proj layers: which projection. */
  readonly projection?: "q" | "k" | "v" | "o";
}

/** One layer: its GEMM shape, repeat count, operand roles, MACs and operator geometry. */
export interface Layer {
  readonly name: string;
  readonly op: OpKind;
  readonly gemm: GemmShape;
  /** Independent GEMMs of this shape (groups, heads × batch, the identical layers of a stack); 1 for a plain GEMM. */
  readonly repeat: number;
  readonly roles: OperandRoles;
  /** m·n·k·repeat. */
  readonly macs: number;
  readonly conv?: ConvGeometry;
  readonly attention?: AttentionGeometry;
  /** Real operand data: B as a row-major k×n float64 matrix (e.g. weights loaded from a file); synthetic if absent. */
  readonly operandData?: { readonly b?: Float64Array };
}

/** A named list of layers. */
export interface Workload {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly layers: readonly Layer[];
  /** Where the layer shapes come from (model definition, paper, file). */
  readonly source: string;
}

/** The usual roles of a layer with weights: A = activations, B = weights, C = activations. */
export const WEIGHT_ROLES: OperandRoles = { a: "activations", b: "weights", c: "activations" };

/** Build a layer, checking that every dimension is a positive safe integer (a bug otherwise). */
export function makeLayer(p: Omit<Layer, "macs">): Layer {
  const { m, n, k } = p.gemm;
  for (const [key, v] of [["m", m], ["n", n], ["k", k], ["repeat", p.repeat]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`layer '${p.name}': ${key}=${v} must be a positive integer`);
  }
  const macs = m * n * k * p.repeat;
  if (!Number.isSafeInteger(macs)) throw new RangeError(`layer '${p.name}': ${macs} MACs exceeds 2^53`);
  return { ...p, macs };
}

/** Total multiply-accumulates of a workload. */
export function totalMacs(w: Workload | readonly Layer[]): number {
  const layers = "layers" in w ? w.layers : w;
  return layers.reduce((s, l) => s + l.macs, 0);
}

/** Element counts of A, B and C over all repeats (im2col A for a conv: an upper bound on input reads). */
export function operandElements(l: Layer): { a: number; b: number; c: number } {
  const { m, n, k } = l.gemm;
  return { a: m * k * l.repeat, b: k * n * l.repeat, c: m * n * l.repeat };
}
