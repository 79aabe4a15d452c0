import type { LazyTensor } from "../tensors/generators.js";
import { shapeSize, stridesOf } from "../tensors/tensor.js";

/**
 * Exact calibration of a lazily made tensor without holding it: each element is drawn, looked at and dropped,
 * so memory stays O(1) (O(channels) per channel, O(65,536) counters for a percentile) whatever the size.
 * Every result equals `calibrateGroups` on the materialised tensor bit for bit (tested).
 */

/** How an absmax was found: derived from the generator's bound after reading the outlier channels only, or streamed. */
export type AbsmaxMethod = "derived" | "streamed";

export interface StreamedAbsmax {
  /** max |x| over the finite elements (0 for an empty tensor). */
  readonly absmax: number;
  readonly method: AbsmaxMethod;
  readonly elementsRead: number;
}

/**
 * max |x| of a whole tensor. Where the generator proves a bound on every element outside its outlier channels
 * (channel-outliers: |x| ≤ 8.58σ), the outlier channels are read first; if their max already exceeds that bound
 * it is the absmax, exactly, and the bulk is never drawn. Otherwise every element is read once.
 */
export function streamingAbsmax(t: LazyTensor): StreamedAbsmax {
  let read = 0;
  if (t.outlierChannels.length > 0 && Number.isFinite(t.bulkAbsBound)) {
    let m = 0;
    forEachInChannels(t, t.outlierChannels, (x) => {
      read++;
      const a = Math.abs(x);
      if (a > m) m = a;
    });
    if (m > t.bulkAbsBound) return { absmax: m, method: "derived", elementsRead: read };
  }
  let m = 0;
  for (let i = 0; i < t.size; i++) {
    const a = Math.abs(t.at(i));
    if (a > m) m = a; // NaN compares false: non-finite values are ignored, as calibrateGroups does
  }
  return { absmax: m === Infinity ? maxFinite(t) : m, method: "streamed", elementsRead: read + t.size };
}

function maxFinite(t: LazyTensor): number {
  let m = 0;
  for (let i = 0; i < t.size; i++) {
    const a = Math.abs(t.at(i));
    if (a > m && a !== Infinity) m = a;
  }
  return m;
}

/** max |x| per channel along `axis` (per-channel symmetric calibration), one pass. */
export function streamingChannelAbsmax(t: LazyTensor, axis: number): Float64Array {
  const ax = axis < 0 ? t.shape.length + axis : axis;
  const channels = t.shape[ax]!;
  const stride = stridesOf(t.shape)[ax]!;
  const out = new Float64Array(channels);
  for (let i = 0; i < t.size; i++) {
    const a = Math.abs(t.at(i));
    const c = Math.floor(i / stride) % channels;
    if (a > out[c]! && a !== Infinity) out[c] = a;
  }
  return out;
}

/** Every element of the given channels along the tensor's outlier axis. */
function forEachInChannels(t: LazyTensor, channels: readonly number[], f: (x: number) => void): void {
  const ax = t.outlierAxis;
  const dim = t.shape[ax]!;
  const stride = stridesOf(t.shape)[ax]!;
  const outer = shapeSize(t.shape) / (dim * stride);
  for (let o = 0; o < outer; o++) {
    for (const c of channels) {
      const base = o * dim * stride + c * stride;
      for (let s = 0; s < stride; s++) f(t.at(base + s));
    }
  }
}

/**
 * The percentile of |x| (symmetric) or of x, with numpy's linear interpolation between order statistics, over
 * the finite elements — exactly, in bounded memory: a radix select on the float64 bit patterns (ordered as
 * unsigned keys), 16 bits per pass, four passes per order statistic.
 */
export function streamingPercentile(t: LazyTensor, percentile: number, symmetric: boolean): number {
  let n = 0;
  for (let i = 0; i < t.size; i++) if (Number.isFinite(t.at(i))) n++;
  if (n === 0) return 0;
  const pos = (percentile / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = kthSmallest(t, lo, symmetric);
  const b = hi === lo ? a : kthSmallest(t, hi, symmetric);
  return a + (pos - lo) * (b - a);
}

/** An order-preserving 64-bit key of a float64 as four 16-bit digits, most significant first. */
function keyDigits(scratch: DataView, x: number, out: Uint16Array): void {
  scratch.setFloat64(0, x);
  let hi = scratch.getUint32(0);
  let lo = scratch.getUint32(4);
  if (hi & 0x80000000) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else hi = (hi | 0x80000000) >>> 0;
  out[0] = hi >>> 16;
  out[1] = hi & 0xffff;
  out[2] = lo >>> 16;
  out[3] = lo & 0xffff;
}

function fromDigits(scratch: DataView, d: Uint16Array): number {
  let hi = ((d[0]! << 16) | d[1]!) >>> 0;
  let lo = ((d[2]! << 16) | d[3]!) >>> 0;
  if (hi & 0x80000000) hi = (hi & 0x7fffffff) >>> 0;
  else {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  }
  scratch.setUint32(0, hi);
  scratch.setUint32(4, lo);
  return scratch.getFloat64(0);
}

/** The k-th smallest (0-based) finite value of |x| or x. */
function kthSmallest(t: LazyTensor, k: number, abs: boolean): number {
  const scratch = new DataView(new ArrayBuffer(8));
  const prefix = new Uint16Array(4);
  const digits = new Uint16Array(4);
  const counts = new Float64Array(65536);
  let rank = k;
  for (let level = 0; level < 4; level++) {
    counts.fill(0);
    for (let i = 0; i < t.size; i++) {
      const x = t.at(i);
      if (!Number.isFinite(x)) continue;
      keyDigits(scratch, abs ? Math.abs(x) : x, digits);
      let match = true;
      for (let d = 0; d < level; d++) if (digits[d] !== prefix[d]) match = false;
      if (match) counts[digits[level]!]!++;
    }
    let b = 0;
    while (rank >= counts[b]!) rank -= counts[b++]!;
    prefix[level] = b;
  }
  return fromDigits(scratch, prefix);
}
