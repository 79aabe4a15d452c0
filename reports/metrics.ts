/** Error of a computed tensor against a float64 reference. */
export interface ErrorMetrics {
  /** Signal-to-quantization-noise ratio, 10·log10(Σref² / Σ(ref−out)²), in dB; Infinity when exact. */
  sqnrDb: number;
  /** sqrt(Σ(ref−out)² / Σref²): RMSE relative to the reference RMS. */
  relativeRmse: number;
  /** max |ref − out|. */
  maxAbsError: number;
  /** Elements compared. */
  count: number;
  /** Elements whose output was NaN or ±Inf (each makes the error unbounded). */
  nonFiniteCount: number;
}

/**
 * SQNR, relative RMSE and max abs error of `out` against `ref` (same length).
 * A NaN or ±Inf output (accumulator overflow, NaN propagation) is an unbounded error: it makes the SQNR −∞
 * and the RMSE and max error ∞, and is counted in `nonFiniteCount`, never silently dropped.
 */
export function errorMetrics(ref: ArrayLike<number>, out: ArrayLike<number>): ErrorMetrics {
  if (ref.length !== out.length) throw new RangeError(`errorMetrics: lengths differ (${ref.length} vs ${out.length})`);
  let signal = 0;
  let noise = 0;
  let maxAbs = 0;
  let nonFinite = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i]!;
    const o = out[i]!;
    if (!Number.isFinite(o)) {
      nonFinite++;
      continue;
    }
    const d = r - o;
    signal += r * r;
    noise += d * d;
    const a = Math.abs(d);
    if (a > maxAbs) maxAbs = a;
  }
  if (nonFinite > 0) {
    return { sqnrDb: -Infinity, relativeRmse: Infinity, maxAbsError: Infinity, count: ref.length, nonFiniteCount: nonFinite };
  }
  return {
    sqnrDb: noise === 0 ? Infinity : signal === 0 ? -Infinity : 10 * Math.log10(signal / noise),
    relativeRmse: signal === 0 ? (noise === 0 ? 0 : Infinity) : Math.sqrt(noise / signal),
    maxAbsError: maxAbs,
    count: ref.length,
    nonFiniteCount: nonFinite,
  };
}
