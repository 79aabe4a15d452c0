import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";
import { gridPlan } from "./output-sample.js";

/** `--sample`: a fraction of each layer's outputs, `auto` (a budget of exact MACs), or 0 (timing and cost only). */
export type SampleSpec = { readonly kind: "auto" } | { readonly kind: "fraction"; readonly fraction: number };

/**
 * Work per precision that `--sample auto` spends on numerics, in MAC-equivalents: 5×10⁸ is about two seconds per
 * precision on one core (bench/workloads.ts) and puts SQNR within about ±0.8 dB (one standard error) on every
 * built-in workload.
 */
export const DEFAULT_SAMPLE_BUDGET_MACS = 5e8;

/**
 * The run-time cost of numerics in MAC-equivalents (a budget heuristic for `--sample auto`, not a hardware cost):
 * each output costs its k exact MACs, its k-term float64 reference and a fixed overhead; each operand element
 * drawn (hash, Box–Muller) and quantized costs about 64 MACs. The 64 is measured: a CPU profile of a Llama-3-8B
 * decode compare, where every weight is drawn once, spent ~224 ns per element against ~3 ns per fast-path MAC
 * (node --cpu-prof, this machine class). The 16 per output (stepper set-up, post-scaling, bookkeeping) is an
 * estimate, not measured. Without the element term a weight-bound layer overran its budget 30-fold.
 */
export const COST_PER_OUTPUT_MACS = 16;
export const COST_PER_ELEMENT_MACS = 64;

/** Estimated numerics cost of a layer at a sample fraction, in MAC-equivalents. */
export function numericsCostMacs(layer: Layer, fraction: number): number {
  const { m, n, k } = layer.gemm;
  const total = layer.repeat * m * n;
  const grids = fraction >= 1 ? Array.from({ length: layer.repeat }, () => ({ rows: m, cols: n })) : gridPlan(layer.repeat, m, n, fraction * total);
  let cost = 0;
  for (const g of grids) cost += g.rows * g.cols * (2 * k + COST_PER_OUTPUT_MACS) + COST_PER_ELEMENT_MACS * (g.rows + g.cols) * k;
  return cost;
}

/** How the sample fraction of a run was chosen. */
export interface ResolvedSample {
  readonly fraction: number;
  readonly mode: "auto" | "fixed" | "timing-only";
  /** auto: the budget in exact MACs per precision. */
  readonly budgetMacs?: number;
}

/** Parse `--sample-budget` text: a positive number of MAC-equivalents (`5e8`, `200000000`). */
export function parseSampleBudget(text: string): Result<number> {
  const t = text.trim();
  const v = /^[+]?(\d+\.?\d*|\.\d+)(e[+]?\d+)?$/i.test(t) ? Number(t) : NaN;
  if (!(v > 0) || !Number.isFinite(v)) return { ok: false, reason: `--sample-budget ${text} must be a positive number of MAC-equivalents, e.g. 5e8` };
  return { ok: true, value: v };
}

/** Parse `--sample` text: `auto`, or a number in [0, 1]. */
export function parseSampleSpec(text: string): Result<SampleSpec> {
  const t = text.trim().toLowerCase();
  if (t === "auto") return { ok: true, value: { kind: "auto" } };
  const f = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t) ? Number(t) : NaN;
  if (!(f >= 0 && f <= 1)) {
    return { ok: false, reason: `--sample ${text} must be auto, 0 (timing and cost only) or a fraction in (0, 1], e.g. 0.01` };
  }
  // A positive fraction too small for a float64 (1e-400) would silently become 0, i.e. a timing-only run.
  if (f === 0 && /[1-9]/.test(t.replace(/e.*$/, ""))) {
    return { ok: false, reason: `--sample ${text} is too small to represent: use a fraction of at least 1e-300, or 0 for timing and cost only` };
  }
  return { ok: true, value: { kind: "fraction", fraction: f } };
}

/**
 * The fraction a run uses. `auto` spends the budget: the largest fraction whose estimated cost
 * (numericsCostMacs, summed over layers) fits, so small workloads still run in full. Every layer computes at
 * least one output, so a budget below that cost cannot be met and is refused with the figure it needs.
 */
export function resolveSample(spec: SampleSpec, layers: readonly Layer[], budgetMacs = DEFAULT_SAMPLE_BUDGET_MACS): Result<ResolvedSample> {
  if (spec.kind === "fraction") return { ok: true, value: { fraction: spec.fraction, mode: spec.fraction === 0 ? "timing-only" : "fixed" } };
  if (!(budgetMacs > 0) || !Number.isFinite(budgetMacs)) return { ok: false, reason: `--sample-budget ${budgetMacs} must be a positive number of MAC-equivalents, e.g. 5e8` };
  const cost = (f: number) => layers.reduce((s, l) => s + numericsCostMacs(l, f), 0);
  if (layers.length === 0 || cost(1) <= budgetMacs) return { ok: true, value: { fraction: 1, mode: "auto", budgetMacs } };
  const floor = cost(0); // every layer at its minimum of one output
  if (budgetMacs < floor) {
    return { ok: false, reason: `--sample-budget ${budgetMacs} MACs cannot compute one output per layer (that needs ${Math.ceil(floor)}): raise it, or use --sample 0 for timing and cost only` };
  }
  // Bisection on log f: the cost grows with f (grids only get larger).
  let lo = Math.log(Number.MIN_VALUE);
  let hi = 0;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (cost(Math.exp(mid)) <= budgetMacs) lo = mid;
    else hi = mid;
  }
  return { ok: true, value: { fraction: Math.exp(lo), mode: "auto", budgetMacs } };
}
