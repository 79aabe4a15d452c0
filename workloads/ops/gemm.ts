import type { Layer, OperandRoles } from "../layer.js";
import { makeLayer, WEIGHT_ROLES } from "../layer.js";
import type { Result } from "../result.js";
import { fail, ok } from "../result.js";

/** Parameters of a plain GEMM layer. */
export interface GemmParams {
  readonly name: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** Independent GEMMs of this shape (a batched GEMM); default 1. */
  readonly repeat?: number;
  /** Default: A activations, B weights, C activations. */
  readonly roles?: OperandRoles;
}

/** A plain (optionally batched) GEMM C[m×n] = A[m×k]·B[k×n]. */
export function gemmLayer(p: GemmParams): Result<Layer> {
  const repeat = p.repeat ?? 1;
  for (const [key, v] of [["m", p.m], ["n", p.n], ["k", p.k], ["repeat", repeat]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) return fail(`gemm '${p.name}': ${key}=${v} must be a positive integer`);
  }
  return ok(makeLayer({ name: p.name, op: "gemm", gemm: { m: p.m, n: p.n, k: p.k }, repeat, roles: p.roles ?? WEIGHT_ROLES }));
}
