import type { OutputSample } from "../hw-models/numerics/output-sample.js";
import type { ErrorMetrics } from "./metrics.js";

/** One layer's computed outputs, as the grids they were sampled in. */
export interface SampledLayerOutputs {
  readonly sample: OutputSample;
  readonly reference: ArrayLike<number>;
  readonly output: ArrayLike<number>;
  /** What the noise is measured against (default `reference`): a part of an error keeps the whole signal. */
  readonly signal?: ArrayLike<number>;
}

/** Error metrics estimated from sampled outputs, with their uncertainty. */
export interface SampledErrorMetrics extends ErrorMetrics {
  /** False when no output was computed (timing-only runs): every figure is then NaN. */
  readonly measured: boolean;
  /** Outputs computed / outputs of the workload. */
  readonly fraction: number;
  /** Standard errors (0 when every output was computed). */
  readonly sqnrDbStdErr: number;
  readonly relativeRmseStdErr: number;
  /** 95% intervals (normal approximation on the noise/signal ratio, mapped through the metric). */
  readonly sqnrDbCi95: readonly [number, number];
  readonly relativeRmseCi95: readonly [number, number];
}

/**
 * SQNR and relative RMSE of a workload from sampled outputs. Both are functions of ρ = Σ noise² / Σ signal²
 * over all outputs; each layer's sums are scaled up by its outputs / outputs computed, so the estimate is of
 * the whole workload, not of the sample's layer mix. The standard error of ρ comes from the delta method
 * (linearising noise − ρ·signal per output) and, within a row × column grid, from the crossed-design variance
 * of Owen ("The pigeonhole bootstrap", Ann. Appl. Stat. 2007): row, column and cell components, each with its
 * finite-population correction, which is conservative. Visited repeats add a between-repeat term.
 * Max abs error is the largest over the computed outputs (a lower bound on the workload's).
 */
export function sampledErrorMetrics(layers: readonly SampledLayerOutputs[]): SampledErrorMetrics {
  let count = 0;
  let total = 0;
  let nonFinite = 0;
  let maxAbs = 0;
  for (const l of layers) {
    count += l.sample.count;
    total += l.sample.total;
    for (let s = 0; s < l.sample.count; s++) {
      const o = l.output[s]!;
      if (!Number.isFinite(o)) nonFinite++;
      else maxAbs = Math.max(maxAbs, Math.abs(l.reference[s]! - o));
    }
  }
  const fraction = total > 0 ? count / total : 0;
  if (count === 0) return unmeasured(fraction);
  if (nonFinite > 0) {
    return {
      measured: true, fraction, count, nonFiniteCount: nonFinite, sqnrDb: -Infinity, relativeRmse: Infinity, maxAbsError: Infinity,
      sqnrDbStdErr: 0, relativeRmseStdErr: 0, sqnrDbCi95: [-Infinity, -Infinity], relativeRmseCi95: [Infinity, Infinity],
    };
  }
  // Population totals of noise and signal.
  let noiseTotal = 0;
  let signalTotal = 0;
  for (const l of layers) {
    if (l.sample.count === 0) continue;
    let nz = 0;
    let sg = 0;
    const sig = l.signal ?? l.reference;
    for (let s = 0; s < l.sample.count; s++) {
      const d = l.reference[s]! - l.output[s]!;
      const r = sig[s]!;
      nz += d * d;
      sg += r * r;
    }
    const w = l.sample.total / l.sample.count;
    noiseTotal += w * nz;
    signalTotal += w * sg;
  }
  if (signalTotal === 0) {
    const exact = noiseTotal === 0;
    return {
      measured: true, fraction, count, nonFiniteCount: 0, maxAbsError: maxAbs,
      sqnrDb: exact ? Infinity : -Infinity, relativeRmse: exact ? 0 : Infinity,
      sqnrDbStdErr: 0, relativeRmseStdErr: 0, sqnrDbCi95: exact ? [Infinity, Infinity] : [-Infinity, -Infinity], relativeRmseCi95: exact ? [0, 0] : [Infinity, Infinity],
    };
  }
  const rho = noiseTotal / signalTotal;
  let varTotal = 0;
  for (const l of layers) {
    if (l.sample.count === 0) continue;
    const sig = l.signal ?? l.reference;
    const d = (s: number) => {
      const e = l.reference[s]! - l.output[s]!;
      const r = sig[s]!;
      return e * e - rho * r * r;
    };
    varTotal += l.sample.total ** 2 * varianceOfMean(l.sample, d);
  }
  const seRho = Math.sqrt(varTotal) / signalTotal;
  const sqnrDb = rho === 0 ? Infinity : -10 * Math.log10(rho);
  const relativeRmse = Math.sqrt(rho);
  if (rho === 0) {
    return { measured: true, fraction, count, nonFiniteCount: 0, maxAbsError: maxAbs, sqnrDb, relativeRmse, sqnrDbStdErr: 0, relativeRmseStdErr: 0, sqnrDbCi95: [Infinity, Infinity], relativeRmseCi95: [0, 0] };
  }
  const sqnrDbStdErr = ((10 / Math.LN10) * seRho) / rho;
  const relativeRmseStdErr = seRho / (2 * relativeRmse);
  const lo = sqnrDb - 1.96 * sqnrDbStdErr;
  const hi = sqnrDb + 1.96 * sqnrDbStdErr;
  return {
    measured: true, fraction, count, nonFiniteCount: 0, maxAbsError: maxAbs, sqnrDb, relativeRmse, sqnrDbStdErr, relativeRmseStdErr,
    sqnrDbCi95: [lo, hi],
    relativeRmseCi95: [10 ** (-hi / 20), 10 ** (-lo / 20)],
  };
}

function unmeasured(fraction: number): SampledErrorMetrics {
  return {
    measured: false, fraction, count: 0, nonFiniteCount: 0, sqnrDb: NaN, relativeRmse: NaN, maxAbsError: NaN,
    sqnrDbStdErr: NaN, relativeRmseStdErr: NaN, sqnrDbCi95: [NaN, NaN], relativeRmseCi95: [NaN, NaN],
  };
}

/**
 * Variance of the sample mean of d over a layer's outputs. Each visited repeat is a grid (rows × cols of
 * m × n); its mean's variance is the crossed-design sum σ²_row/r·(1 − r/m) + σ²_col/c·(1 − c/n) +
 * σ²_cell/(rc)·(1 − rc/mn). Repeats combine weighted by their output counts, plus (1 − B/R)·s²_between/B for B of
 * R repeats visited (0 when B = 1: a single repeat cannot show its spread).
 */
function varianceOfMean(sample: OutputSample, d: (s: number) => number): number {
  const { m, n } = sample;
  const C = sample.count;
  let offset = 0;
  let within = 0;
  const means: number[] = [];
  for (const g of sample.grids) {
    const r = g.rows.length;
    const c = g.cols.length;
    const rowMean = new Float64Array(r);
    const colMean = new Float64Array(c);
    let grand = 0;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        const v = d(offset + i * c + j);
        rowMean[i]! += v / c;
        colMean[j]! += v / r;
        grand += v / (r * c);
      }
    }
    const rowVar = sampleVariance(rowMean);
    const colVar = sampleVariance(colMean);
    let cellSs = 0;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        const e = d(offset + i * c + j) - rowMean[i]! - colMean[j]! + grand;
        cellSs += e * e;
      }
    }
    const cellDf = (r - 1) * (c - 1);
    const cellVar = cellDf > 0 ? cellSs / cellDf : 0;
    const v = (rowVar / r) * (1 - r / m) + (colVar / c) * (1 - c / n) + (cellVar / (r * c)) * (1 - (r * c) / (m * n));
    within += ((r * c) / C) ** 2 * v;
    means.push(grand);
    offset += r * c;
  }
  const B = sample.grids.length;
  const between = B > 1 ? ((1 - B / sample.repeats) * sampleVariance(Float64Array.from(means))) / B : 0;
  return within + between;
}

function sampleVariance(x: Float64Array): number {
  if (x.length < 2) return 0;
  let mean = 0;
  for (const v of x) mean += v / x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  return ss / (x.length - 1);
}
