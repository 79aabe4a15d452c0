import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";

/** `--sample`: a fraction of each layer's outputs, `auto` (a budget of exact MACs), or 0 (timing and cost only). */
export type SampleSpec = { readonly kind: "auto" } | { readonly kind: "fraction"; readonly fraction: number };

/**
 * Exact MACs per precision that `--sample auto` spends on numerics: 2×10⁸ runs in about a second per precision
 * on the float64 fast path of one core (bench/dot.ts measures the kernels) and gives a relative RMSE to a few
 * percent of itself on every built-in workload.
 */
export const DEFAULT_SAMPLE_BUDGET_MACS = 2e8;

/** How the sample fraction of a run was chosen. */
export interface ResolvedSample {
  readonly fraction: number;
  readonly mode: "auto" | "fixed" | "timing-only";
  /** auto: the budget in exact MACs per precision. */
  readonly budgetMacs?: number;
}

/** Parse `--sample` text: `auto`, or a number in [0, 1]. */
export function parseSampleSpec(text: string): Result<SampleSpec> {
  const t = text.trim().toLowerCase();
  if (t === "auto") return { ok: true, value: { kind: "auto" } };
  const f = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t) ? Number(t) : NaN;
  if (!(f >= 0 && f <= 1)) {
    return { ok: false, reason: `--sample ${text} must be auto, 0 (timing and cost only) or a fraction in (0, 1], e.g. 0.01` };
  }
  return { ok: true, value: { kind: "fraction", fraction: f } };
}

/**
 * The fraction a run uses. `auto` spends the budget: fraction = budget / workload MACs, capped at 1, so small
 * workloads still run in full. Every layer computes at least one output (k MACs), so a budget below Σ k cannot
 * be met and is refused with the figure it needs.
 */
export function resolveSample(spec: SampleSpec, layers: readonly Layer[], budgetMacs = DEFAULT_SAMPLE_BUDGET_MACS): Result<ResolvedSample> {
  if (spec.kind === "fraction") return { ok: true, value: { fraction: spec.fraction, mode: spec.fraction === 0 ? "timing-only" : "fixed" } };
  if (!(budgetMacs > 0) || !Number.isFinite(budgetMacs)) return { ok: false, reason: `--sample-budget ${budgetMacs} must be a positive number of MACs, e.g. 2e8` };
  const total = layers.reduce((s, l) => s + l.macs, 0);
  const floor = layers.reduce((s, l) => s + l.gemm.k, 0);
  if (budgetMacs < floor) {
    return { ok: false, reason: `--sample-budget ${budgetMacs} MACs cannot compute one output per layer (that needs ${floor}): raise it, or use --sample 0 for timing and cost only` };
  }
  const fraction = total === 0 ? 1 : Math.min(1, budgetMacs / total);
  return { ok: true, value: { fraction, mode: "auto", budgetMacs } };
}
