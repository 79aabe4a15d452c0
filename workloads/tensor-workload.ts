import type { Layer, Workload } from "./layer.js";
import { WEIGHT_ROLES, makeLayer } from "./layer.js";
import type { Result } from "./result.js";
import type { Tensor } from "./tensors/tensor.js";

/** Largest weight matrix accepted from a file (elements): keeps a stray 7B checkpoint from exhausting memory. */
export const MAX_TENSOR_ELEMENTS = 64 * 1024 * 1024;

/**
 * A workload from real weight tensors: each tensor of rank ≥ 2 in PyTorch layout [out, in, ...] (Linear [out, in],
 * Conv [out, in/groups, r, s]) becomes a GEMM y = x·Wᵀ with k = in·r·s, n = out and `tokens` activation rows;
 * B holds Wᵀ. Rank-0/1 tensors (biases, norms) are skipped, and the workload says so.
 */
export function tensorWorkload(id: string, tensors: ReadonlyMap<string, Tensor>, tokens: number): Result<Workload> {
  if (!Number.isSafeInteger(tokens) || tokens < 1 || tokens > 65536) {
    return { ok: false, reason: `--tokens ${tokens} must be an integer from 1 to 65536` };
  }
  const layers: Layer[] = [];
  const skipped: string[] = [];
  for (const [name, t] of tensors) {
    if (t.shape.length < 2) {
      skipped.push(name);
      continue;
    }
    const n = t.shape[0]!;
    const k = t.data.length / n;
    if (n === 0 || k === 0) {
      skipped.push(name);
      continue;
    }
    if (t.data.length > MAX_TENSOR_ELEMENTS) {
      return { ok: false, reason: `tensor '${name}' has ${t.data.length} elements, more than ${MAX_TENSOR_ELEMENTS}: pick one tensor with file:name` };
    }
    for (const x of t.data) {
      if (!Number.isFinite(x)) return { ok: false, reason: `tensor '${name}' contains NaN or Inf: hwsim needs finite weights` };
    }
    const b = new Float64Array(k * n); // Wᵀ: B[kk][nn] = W[nn][kk]
    for (let nn = 0; nn < n; nn++) for (let kk = 0; kk < k; kk++) b[kk * n + nn] = t.data[nn * k + kk]!;
    layers.push({ ...makeLayer({ name, op: "gemm", gemm: { m: tokens, n, k }, repeat: 1, roles: WEIGHT_ROLES }), operandData: { b } });
  }
  if (layers.length === 0) return { ok: false, reason: `no tensor of rank ≥ 2 in '${id}' (found: ${[...tensors.keys()].join(", ") || "none"})` };
  return {
    ok: true,
    value: {
      id,
      name: `weights from ${id}`,
      description:
        `${layers.length} weight tensor(s) as GEMMs with ${tokens} token rows` + (skipped.length ? `; skipped rank-0/1 tensors: ${skipped.join(", ")}` : ""),
      layers,
      source: `weights file ${id} (activations synthetic)`,
    },
  };
}
