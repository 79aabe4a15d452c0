import type { Calibration } from "./scheme.js";
import type { GroupLayout } from "./groups.js";

/** Percentile of sorted values with numpy's default linear interpolation: pos = p/100·(n−1). */
export function percentileSorted(sorted: Float64Array, percentile: number): number {
  if (sorted.length === 0) return 0;
  const pos = (percentile / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Calibrated range of each group: [lo, hi] (symmetric: lo = −hi = −threshold). Non-finite values are ignored. */
export interface GroupRanges {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/**
 * Clipping ranges per group. Symmetric: threshold = max |x| or the percentile of |x|. Asymmetric: [min, max] or
 * the (100 − p)th and pth percentiles of x, widened to include 0 so that zero stays exactly representable.
 */
export function calibrateGroups(data: Float64Array, layout: GroupLayout, cal: Calibration, symmetric: boolean): GroupRanges {
  const G = layout.groupCount;
  const lo = new Float64Array(G);
  const hi = new Float64Array(G);
  const { groupOf } = layout;
  if (cal.kind === "absmax") {
    for (let i = 0; i < data.length; i++) {
      const x = data[i]!;
      if (!Number.isFinite(x)) continue;
      const g = groupOf[i]!;
      if (symmetric) {
        const a = Math.abs(x);
        if (a > hi[g]!) hi[g] = a;
      } else {
        if (x > hi[g]!) hi[g] = x;
        if (x < lo[g]!) lo[g] = x;
      }
    }
  } else {
    // Bucket values by group (counting sort), then sort each bucket.
    const counts = new Int32Array(G + 1);
    for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i]!)) counts[groupOf[i]! + 1]!++;
    for (let g = 0; g < G; g++) counts[g + 1]! += counts[g]!;
    const fill = counts.slice(0, G);
    const buf = new Float64Array(counts[G]!);
    for (let i = 0; i < data.length; i++) {
      const x = data[i]!;
      if (!Number.isFinite(x)) continue;
      buf[fill[groupOf[i]!]!++] = symmetric ? Math.abs(x) : x;
    }
    for (let g = 0; g < G; g++) {
      const seg = buf.subarray(counts[g]!, counts[g + 1]!).sort();
      hi[g] = Math.max(0, percentileSorted(seg, cal.percentile));
      if (!symmetric) lo[g] = Math.min(0, percentileSorted(seg, 100 - cal.percentile));
    }
  }
  if (symmetric) for (let g = 0; g < G; g++) lo[g] = -hi[g]!;
  return { lo, hi };
}
