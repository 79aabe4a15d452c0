/**
 * The exact sum of float64 values, correctly rounded to float64 (round to nearest, ties to even): Shewchuk's
 * expansion arithmetic ("Adaptive precision floating-point arithmetic", Discrete Comput. Geom. 18, 1997) keeps
 * the running sum as non-overlapping partials, each two-sum exact; the final rounding corrects the half-way case
 * as Python's math.fsum does. It is what an exact (Kulisch) accumulator reads out into float64, for products
 * that are exact in float64. Non-finite inputs give the IEEE result of a plain sum.
 */
export function exactSumFloat64(xs: ArrayLike<number>, start = 0, end = xs.length): number {
  const partials: number[] = [];
  let special = 0;
  for (let i = start; i < end; i++) {
    let x = xs[i]!;
    if (!Number.isFinite(x)) {
      special += x;
      continue;
    }
    let n = 0;
    for (const p of partials) {
      let y = p;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[n++] = lo;
      x = hi;
    }
    partials.length = n;
    partials.push(x);
  }
  if (special !== 0 || Number.isNaN(special)) return special;
  // Round the expansion: add partials from the top until an inexact step, then fix a half-way tie.
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
