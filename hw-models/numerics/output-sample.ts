import type { Prng } from "../../sim/prng.js";

/** One visited repeat of a layer: the sampled rows of A and columns of B; every (row, column) pair is computed. */
export interface RepeatGrid {
  readonly repeat: number;
  /** Ascending row indices (of A and C). */
  readonly rows: Uint32Array;
  /** Ascending column indices (of B and C). */
  readonly cols: Uint32Array;
}

/** Which outputs of a layer are computed: grids over a subset of its repeats. */
export interface OutputSample {
  readonly grids: readonly RepeatGrid[];
  /** Outputs computed: Σ rows × cols. */
  readonly count: number;
  /** Outputs of the layer: repeat · m · n. */
  readonly total: number;
  readonly repeats: number;
  readonly m: number;
  readonly n: number;
}

/**
 * Outputs per visited repeat. A 16 × 16 grid draws 32 operand lines for 256 dot products: drawing an element
 * (a hash and a Box–Muller transform) costs about 20 MACs, so smaller grids would spend more on operands than
 * on arithmetic, and larger ones would visit fewer of a stack's layers.
 */
const OUTPUTS_PER_REPEAT = 256;

/**
 * Choose `target` outputs of a layer (at least 1, at most all) as row × column grids. A grid needs only |rows|
 * rows of A and |cols| columns of B, so (|rows| + |cols|)·k operand elements serve |rows|·|cols| outputs; an
 * i.i.d. sample of the same size would touch nearly every row and column. Every output has the same chance of
 * being chosen (repeats, rows and columns are each uniform without replacement), and the error estimators
 * (reports/sample-error.ts) account for the grid's row and column correlation. Grids keep the aspect of the
 * output: |rows|/|cols| ≈ m/n.
 */
export function sampleOutputs(repeats: number, m: number, n: number, target: number, rng: Prng): OutputSample {
  const total = repeats * m * n;
  const all = (): OutputSample => ({
    grids: Array.from({ length: repeats }, (_, r) => ({ repeat: r, rows: iota(m), cols: iota(n) })),
    count: total,
    total,
    repeats,
    m,
    n,
  });
  if (target >= total) return all();
  const plan = gridPlan(repeats, m, n, target);
  const chosen = floydSample(repeats, plan.length, rng);
  const grids: RepeatGrid[] = [];
  let count = 0;
  chosen.forEach((repeat, v) => {
    const { rows, cols } = plan[v]!;
    grids.push({ repeat, rows: floydSample(m, rows, rng), cols: floydSample(n, cols, rng) });
    count += rows * cols;
  });
  return { grids, count, total, repeats, m, n };
}

/**
 * The grid sizes sampleOutputs uses for a target below the layer's total: one (rows, cols) per visited repeat.
 * Pure, so a budget can be planned before anything is drawn.
 */
export function gridPlan(repeats: number, m: number, n: number, target: number): { rows: number; cols: number }[] {
  const want = Math.max(1, Math.round(Math.min(target, repeats * m * n)));
  const visits = Math.min(repeats, Math.max(1, Math.ceil(want / OUTPUTS_PER_REPEAT)));
  return Array.from({ length: visits }, (_, v) => {
    // Spread the target evenly; the first (want mod visits) repeats take one more.
    const s = Math.floor(want / visits) + (v < want % visits ? 1 : 0);
    let rows = Math.min(m, Math.max(1, Math.round(Math.sqrt((s * m) / n))));
    let cols = Math.min(n, Math.max(1, Math.round(s / rows)));
    if (cols === n) rows = Math.min(m, Math.max(1, Math.round(s / n)));
    if (rows === m) cols = Math.min(n, Math.max(1, Math.round(s / m)));
    return { rows, cols };
  });
}

/** Flat output indices (repeat·m·n + i·n + j) of a sample, ascending (float64: layers may exceed 2^32 outputs). */
export function sampleIndicesOf(s: OutputSample): Float64Array {
  const out = new Float64Array(s.count);
  let o = 0;
  for (const g of s.grids) {
    const base = g.repeat * s.m * s.n;
    for (const i of g.rows) for (const j of g.cols) out[o++] = base + i * s.n + j;
  }
  return out;
}

function iota(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

/** `count` distinct integers of [0, total), ascending, uniform over subsets (Floyd's algorithm: O(count)). */
export function floydSample(total: number, count: number, rng: Prng): Uint32Array {
  if (count >= total) return iota(total);
  const chosen = new Set<number>();
  for (let j = total - count; j < total; j++) {
    const t = Math.floor(rng.nextFloat64() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Uint32Array.from([...chosen].sort((x, y) => x - y));
}
